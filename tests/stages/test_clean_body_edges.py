"""The cleaner at the edges of the body: what the densest run of prose takes in before the headline.
All text is made up."""

from storyscope.stages.clean import clean_text

TITLE = "Ferry service to Tarsk island resumes after winter repairs"
STORY = [
    "The ferry between Orrinford and Tarsk island sailed again on Monday, four months after a storm "
    "damaged the pier at the island's only harbour.",
    "Island residents had relied on a weekly supply boat since November, and the council said the "
    "repairs had cost more than twice the first estimate.",
    '"We were cut off for most of the winter," said Hedda Voss, who runs the harbour shop. "The first '
    'crossing felt like a holiday."',
    "The ferry will run three times a day until September, then twice a day through the winter.",
]
# Other stories' headlines in a bulleted box above the headline; one ends with an ellipsis, so it reads
# as a short sentence and weighs a little, which let the headline's bonus carry the box into the body.
HEADLINES = [
    "* And the award for best harbour could go to...",
    "* Why the mayor skipped the bridge opening ceremony",
    "* Bakery chain to close its last three shops in the valley",
    "* Storm warning issued for the northern coast this weekend",
    "* Local choir wins regional contest for the second time",
    "* School board delays vote on new bus routes again",
]


def test_a_headline_box_before_the_headline_is_not_the_story() -> None:
    menu = ["Home", "News", "Sport", "Weather"]
    box = ["    " + h for h in HEADLINES]
    raw = "\n".join([*menu, *box, TITLE, "By Jo Lind", "2 hours ago", *STORY])
    out = clean_text(raw, TITLE).text
    assert out.split("\n\n") == STORY


def test_prose_before_the_headline_keeps_the_run_as_it_was() -> None:
    # A standfirst paragraph printed above the headline is prose: the run still opens with it.
    standfirst = (
        "After a winter without a regular crossing, islanders can reach the mainland three times a day "
        "again, the council said."
    )
    raw = "\n".join(["Home", "News", standfirst, TITLE, "By Jo Lind", *STORY])
    out = clean_text(raw, TITLE).text
    assert out.split("\n\n") == [standfirst, *STORY]
