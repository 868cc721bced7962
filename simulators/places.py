"""Real places with real coordinates, for addresses, vacancies and training locations.

Coordinates are WGS84 (latitude, longitude) of the town centre, rounded to four
decimals (about 10 m); postcodes are a real four-digit code in that town.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    province: str
    postcode: str
    latitude: float
    longitude: float


DUTCH_PLACES: tuple[Place, ...] = (
    Place("Amsterdam", "Noord-Holland", "1011", 52.3676, 4.9041),
    Place("Rotterdam", "Zuid-Holland", "3011", 51.9244, 4.4777),
    Place("Den Haag", "Zuid-Holland", "2511", 52.0705, 4.3007),
    Place("Utrecht", "Utrecht", "3511", 52.0907, 5.1214),
    Place("Eindhoven", "Noord-Brabant", "5611", 51.4416, 5.4697),
    Place("Groningen", "Groningen", "9711", 53.2194, 6.5665),
    Place("Tilburg", "Noord-Brabant", "5038", 51.5555, 5.0913),
    Place("Almere", "Flevoland", "1315", 52.3508, 5.2647),
    Place("Breda", "Noord-Brabant", "4811", 51.5719, 4.7683),
    Place("Nijmegen", "Gelderland", "6511", 51.8126, 5.8372),
    Place("Apeldoorn", "Gelderland", "7311", 52.2112, 5.9699),
    Place("Haarlem", "Noord-Holland", "2011", 52.3874, 4.6462),
    Place("Arnhem", "Gelderland", "6811", 51.9851, 5.8987),
    Place("Enschede", "Overijssel", "7511", 52.2215, 6.8937),
    Place("Amersfoort", "Utrecht", "3811", 52.1561, 5.3878),
    Place("Zaandam", "Noord-Holland", "1506", 52.4420, 4.8292),
    Place("'s-Hertogenbosch", "Noord-Brabant", "5211", 51.6978, 5.3037),
    Place("Hoofddorp", "Noord-Holland", "2132", 52.3030, 4.6890),
    Place("Zwolle", "Overijssel", "8011", 52.5168, 6.0830),
    Place("Leiden", "Zuid-Holland", "2311", 52.1601, 4.4970),
    Place("Maastricht", "Limburg", "6211", 50.8514, 5.6910),
    Place("Dordrecht", "Zuid-Holland", "3311", 51.8133, 4.6901),
    Place("Zoetermeer", "Zuid-Holland", "2711", 52.0575, 4.4931),
    Place("Leeuwarden", "Friesland", "8911", 53.2012, 5.7999),
    Place("Deventer", "Overijssel", "7411", 52.2661, 6.1552),
    Place("Delft", "Zuid-Holland", "2611", 52.0116, 4.3571),
    Place("Alkmaar", "Noord-Holland", "1811", 52.6324, 4.7534),
    Place("Heerlen", "Limburg", "6411", 50.8882, 5.9795),
    Place("Venlo", "Limburg", "5911", 51.3704, 6.1724),
    Place("Hilversum", "Noord-Holland", "1211", 52.2292, 5.1669),
    Place("Amstelveen", "Noord-Holland", "1181", 52.3114, 4.8701),
    Place("Roosendaal", "Noord-Brabant", "4701", 51.5308, 4.4653),
    Place("Oss", "Noord-Brabant", "5341", 51.7650, 5.5180),
    Place("Helmond", "Noord-Brabant", "5701", 51.4793, 5.6570),
    Place("Ede", "Gelderland", "6711", 52.0402, 5.6649),
    Place("Emmen", "Drenthe", "7811", 52.7792, 6.9069),
    Place("Assen", "Drenthe", "9401", 52.9925, 6.5649),
    Place("Lelystad", "Flevoland", "8211", 52.5185, 5.4714),
    Place("Middelburg", "Zeeland", "4331", 51.4988, 3.6136),
    Place("Vlissingen", "Zeeland", "4381", 51.4424, 3.5736),
    Place("Den Helder", "Noord-Holland", "1781", 52.9563, 4.7600),
    Place("Gouda", "Zuid-Holland", "2801", 52.0115, 4.7105),
    Place("Hoorn", "Noord-Holland", "1621", 52.6424, 5.0597),
    Place("Purmerend", "Noord-Holland", "1441", 52.5050, 4.9597),
    Place("Schiedam", "Zuid-Holland", "3111", 51.9192, 4.3886),
    Place("Wageningen", "Gelderland", "6701", 51.9692, 5.6654),
    Place("Harderwijk", "Gelderland", "3841", 52.3421, 5.6205),
    Place("Sittard", "Limburg", "6131", 51.0000, 5.8690),
    Place("Roermond", "Limburg", "6041", 51.1942, 5.9870),
    Place("Hengelo", "Overijssel", "7551", 52.2658, 6.7931),
    Place("Kampen", "Overijssel", "8261", 52.5550, 5.9114),
    Place("Nieuwegein", "Utrecht", "3431", 52.0290, 5.0810),
    Place("Veenendaal", "Utrecht", "3901", 52.0280, 5.5588),
    Place("Zeist", "Utrecht", "3701", 52.0894, 5.2333),
    Place("Bergen op Zoom", "Noord-Brabant", "4611", 51.4949, 4.2911),
    Place("Doetinchem", "Gelderland", "7001", 51.9650, 6.2886),
    Place("Heerenveen", "Friesland", "8441", 52.9600, 5.9200),
    Place("Drachten", "Friesland", "9201", 53.1020, 6.0985),
    Place("Zutphen", "Gelderland", "7201", 52.1380, 6.2010),
    Place("Terneuzen", "Zeeland", "4531", 51.3350, 3.8280),
)

FLEMISH_PLACES: tuple[Place, ...] = (
    Place("Antwerpen", "Antwerpen", "2000", 51.2194, 4.4025),
    Place("Gent", "Oost-Vlaanderen", "9000", 51.0543, 3.7174),
    Place("Brugge", "West-Vlaanderen", "8000", 51.2093, 3.2247),
    Place("Leuven", "Vlaams-Brabant", "3000", 50.8798, 4.7005),
    Place("Mechelen", "Antwerpen", "2800", 51.0259, 4.4776),
    Place("Aalst", "Oost-Vlaanderen", "9300", 50.9378, 4.0403),
    Place("Kortrijk", "West-Vlaanderen", "8500", 50.8280, 3.2649),
    Place("Hasselt", "Limburg", "3500", 50.9307, 5.3325),
    Place("Sint-Niklaas", "Oost-Vlaanderen", "9100", 51.1645, 4.1437),
    Place("Oostende", "West-Vlaanderen", "8400", 51.2154, 2.9286),
    Place("Genk", "Limburg", "3600", 50.9650, 5.5008),
    Place("Roeselare", "West-Vlaanderen", "8800", 50.9465, 3.1227),
    Place("Turnhout", "Antwerpen", "2300", 51.3227, 4.9442),
    Place("Dendermonde", "Oost-Vlaanderen", "9200", 51.0286, 4.1006),
    Place("Lier", "Antwerpen", "2500", 51.1313, 4.5704),
    Place("Geel", "Antwerpen", "2440", 51.1617, 4.9904),
    Place("Mol", "Antwerpen", "2400", 51.1911, 5.1166),
    Place("Tienen", "Vlaams-Brabant", "3300", 50.8073, 4.9378),
    Place("Vilvoorde", "Vlaams-Brabant", "1800", 50.9281, 4.4245),
    Place("Ieper", "West-Vlaanderen", "8900", 50.8503, 2.8851),
    Place("Lokeren", "Oost-Vlaanderen", "9160", 51.1036, 3.9935),
    Place("Herentals", "Antwerpen", "2200", 51.1766, 4.8364),
    Place("Halle", "Vlaams-Brabant", "1500", 50.7339, 4.2345),
    Place("Diest", "Vlaams-Brabant", "3290", 50.9892, 5.0506),
    Place("Tongeren", "Limburg", "3700", 50.7806, 5.4640),
    Place("Sint-Truiden", "Limburg", "3800", 50.8166, 5.1862),
)

STREETS_NL = (
    "Hoofdstraat",
    "Kerkstraat",
    "Dorpsstraat",
    "Stationsweg",
    "Molenweg",
    "Schoolstraat",
    "Julianastraat",
    "Beatrixlaan",
    "Wilhelminastraat",
    "Nieuwstraat",
    "Marktplein",
    "Industrieweg",
    "Parallelweg",
    "Lindelaan",
    "Eikenlaan",
    "Prinses Irenestraat",
)
STREETS_BE = (
    "Kerkstraat",
    "Stationsstraat",
    "Schoolstraat",
    "Dorpstraat",
    "Molenstraat",
    "Nieuwstraat",
    "Kapelstraat",
    "Beekstraat",
    "Veldstraat",
    "Steenweg",
    "Grote Markt",
)
