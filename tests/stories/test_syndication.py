from storyscope.stories.syndication import DuplicateIndex, content_hash, signature

# The first three MinHash values of the sentence in the stability test (multiply-add-shift, seed 1).
EXPECTED_FIRST_VALUES = [831275152, 832474054, 599167746]

WIRE = (
    "The harbour authority said on Monday that the ferry service to the northern islands would resume "
    "next week after a three-day strike by deck crews ended with a pay agreement. The union said its "
    "members had accepted an offer of a six percent rise over two years. Passengers stranded on the "
    "islands will be given priority on the first sailings, the authority said in a statement. "
)


def test_reworded_copy_links_to_original() -> None:
    idx = DuplicateIndex(0.5)
    idx.add("wire", signature(WIRE * 2))
    copy = (WIRE * 2).replace("said in a statement", "announced").replace("deck crews", "crews")
    assert idx.find(signature(copy)) == "wire"


def test_unrelated_text_is_not_a_copy() -> None:
    idx = DuplicateIndex(0.5)
    idx.add("wire", signature(WIRE))
    other = (
        "Farmers in the valley protested on Tuesday against plans for a new dam, saying the reservoir "
        "would flood grazing land that their families have worked for generations."
    )
    assert idx.find(signature(other)) is None


def test_earliest_original_wins() -> None:
    idx = DuplicateIndex(0.5)
    idx.add("first", signature(WIRE))
    idx.add("second", signature(WIRE + " Extra line."))
    assert idx.find(signature(WIRE)) == "first"


def test_signature_roundtrip_and_hash() -> None:
    sig = signature(WIRE)
    assert DuplicateIndex.from_list(DuplicateIndex.to_list(sig)).jaccard(sig) == 1.0
    assert content_hash("a  b\n c") == content_hash("a b c")
    assert content_hash("a b") != content_hash("a c")


def test_signature_is_stable_across_processes_and_estimates_overlap() -> None:
    # Signatures are stored: the same text must give the same values in every process and run (no
    # per-process string hashing), and half-shared shingles must read as about half similar.
    sig = signature("The harbour authority said on Monday that the ferry service would resume.")
    assert sig.hashvalues[:3].tolist() == EXPECTED_FIRST_VALUES
    words = [f"w{i}" for i in range(400)]
    a = " ".join(words[:300])
    b = " ".join(words[100:])
    assert abs(signature(a).jaccard(signature(b)) - 0.5) < 0.15
