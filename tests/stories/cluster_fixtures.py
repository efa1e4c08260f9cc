"""Fictional articles for the clustering tests (written for these tests; no real events)."""

from __future__ import annotations

QUAKE_VALDORIA = [
    (
        "Strong earthquake hits Kesh in northern Valdoria",
        "A magnitude 6.4 earthquake struck the city of Kesh in northern Valdoria early on Tuesday, "
        "collapsing dozens of houses and killing at least 23 people, Valdoria's civil defence agency said. "
        "Rescuers in Kesh were searching the rubble of an apartment block near the old market. "
        "Valdorian Interior Minister Amira Tolan said field hospitals were being set up in Kesh and the "
        "nearby town of Orvik. The quake was felt as far away as the capital, Santo Velha.",
    ),
    (
        "Death toll from Kesh earthquake rises to 31",
        "The number of people killed by Tuesday's earthquake in Kesh has risen to 31, officials in "
        "Valdoria said on Wednesday, as rescue teams pulled survivors from collapsed buildings. "
        "Amira Tolan, Valdoria's interior minister, told reporters in Kesh that more than 200 people were "
        "injured. Aftershocks rattled Kesh and Orvik overnight, and thousands of residents slept outdoors.",
    ),
    (
        "Valdoria earthquake: survivors in Kesh plead for tents and water",
        "Two days after the magnitude 6.4 quake flattened parts of Kesh, survivors in northern Valdoria "
        "said they still lacked tents, blankets and clean water. The Valdorian government said aid convoys "
        "had reached Orvik and were on their way to Kesh. Interior Minister Amira Tolan said 31 people had "
        "died and promised that every damaged home in Kesh would be rebuilt.",
    ),
]

QUAKE_NORVANIA = [
    (
        "Earthquake strikes Brelin in southern Norvania",
        "A magnitude 6.1 earthquake struck the port city of Brelin in southern Norvania on Wednesday, "
        "killing at least 12 people and damaging the harbour, Norvania's emergency service said. "
        "Rescuers in Brelin searched collapsed warehouses near the docks. Norvanian Prime Minister Jonas "
        "Hallberg flew to Brelin and said the army would help with the rescue in Brelin and Tessel.",
    ),
    (
        "Norvania quake: Brelin harbour closed as toll rises",
        "The harbour of Brelin stayed closed on Thursday after Wednesday's earthquake in Norvania killed "
        "17 people, officials said. Prime Minister Jonas Hallberg said engineers were inspecting the "
        "Brelin docks and the coastal road to Tessel. Hundreds of Norvanian families spent the night in "
        "school gyms.",
    ),
]

FOOTBALL = (
    "Harbour City FC sign striker Leo Marren for record fee",
    "Harbour City FC have signed striker Leo Marren from Westbury Rovers for a club-record fee, the "
    "Premier Division side announced on Friday. Marren, 24, scored 19 goals last season and signed a "
    "five-year contract. Manager Sofia Brandt said Marren would make his debut against Eastmoor United.",
)

FERRY_EN = (
    "Ferry capsizes off Amaro Island, 40 passengers rescued",
    "A passenger ferry capsized in rough seas off Amaro Island on Saturday, and coastguard crews rescued "
    "40 passengers, the Coastguard of Lestria said. Six people are still missing. The ferry Santa Lucina "
    "had left the port of Belmar with 46 people on board. Lestria's transport minister Paolo Rinaldi said "
    "an inquiry into the sinking would begin on Monday.",
)

FERRY_ES = (
    "Naufraga un ferry frente a la isla de Amaro: rescatados 40 pasajeros",
    "Un ferry de pasajeros naufragó el sábado frente a la isla de Amaro a causa del fuerte oleaje, y los "
    "equipos de guardacostas rescataron a 40 pasajeros, informó la Guardia Costera de Lestria. Seis "
    "personas siguen desaparecidas. El ferry Santa Lucina había zarpado del puerto de Belmar con 46 "
    "personas a bordo. El ministro de Transportes de Lestria, Paolo Rinaldi, dijo que el lunes comenzará "
    "una investigación sobre el naufragio.",
)

FERRY_DE = (
    "Fähre vor der Insel Amaro gekentert – 40 Passagiere gerettet",
    "Vor der Insel Amaro ist am Samstag bei schwerem Seegang eine Passagierfähre gekentert. Die "
    "Küstenwache von Lestria rettete 40 Passagiere, sechs Menschen werden noch vermisst. Die Fähre Santa "
    "Lucina war mit 46 Menschen an Bord im Hafen von Belmar ausgelaufen. Lestrias Verkehrsminister Paolo "
    "Rinaldi kündigte für Montag eine Untersuchung des Unglücks an.",
)

BUDGET_ES = (
    "El parlamento de Castrela aprueba el presupuesto de 2031",
    "El parlamento de Castrela aprobó el jueves el presupuesto para 2031 con 88 votos a favor y 61 en "
    "contra. La ministra de Hacienda, Lucía Ferrán, afirmó que el gasto en sanidad crecerá un 6 por ciento. "
    "La oposición criticó la subida del impuesto sobre los carburantes.",
)

# A site's template as a scraper keeps it: the banner ingest takes for the headline, a menu and a
# subscription notice, on every page of the site whatever the story.
SITE_BANNER = "Read the Morning Digest: the day's news in five minutes"
SITE_LEAD = [
    "Home | World | Business | Sport | Culture | Weather | Podcasts | Newsletters",
    "You are reading the Harbour Gazette on another device. Our subscription lets you read on one device "
    "at a time: your phone, your tablet or your computer. Continue reading here to sign out of the other "
    "device, or change your password if you do not know who is reading with your account. Subscribe "
    "today for unlimited access to every article, our archive and the daily puzzles.",
]
SITE_EARLIER = [
    (
        "Kesh council approves new tram line",
        "The city council of Kesh approved a new tram line on Monday after a two-year debate. The line "
        "will link the old market with the university and the northern suburbs.",
    ),
    (
        "Orvik fishermen protest over harbour fees",
        "Hundreds of fishermen in Orvik tied up their boats on Tuesday to protest against higher harbour "
        "fees, which the harbour authority says pay for dredging.",
    ),
    (
        "Tessel library reopens after flood repairs",
        "The public library of Tessel reopened on Wednesday, eight months after a flood ruined its ground "
        "floor; volunteers dried and catalogued twelve thousand books.",
    ),
]

# A page about something else that names the Valdoria earthquake's places once, among its own names.
QUAKE_APPEAL = (
    "Brightwater Trust opens appeal",
    "Brightwater Trust and the Lumen Foundation of Port Avery opened a joint appeal on Thursday. "
    "Trustees Maren Oakes and Tobias Feld said the money raised in Port Avery would buy tents for "
    "families in Kesh, in Valdoria. Oakes said the Lumen Foundation had run appeals since 1998.",
)
