"""The demo story's data: who the clients are, what they buy, what they say."""

from collections import namedtuple

DEFAULT_SEED = 20240917
HISTORY_DAYS = 3 * 365
CHUNK = 50_000

# profile: (share of clients, company share)
PROFILES = {
    "prospect": (0.12, 0.5),
    "one_off": (0.24, 0.3),
    "regular": (0.11, 0.75),
    "steady": (0.05, 0.8),
    "seasonal": (0.09, 0.6),
    "occasional": (0.18, 0.5),
    "stopped": (0.16, 0.55),
    "new": (0.05, 0.5),
}

COMPANY_WORDS = (
    "Codru",
    "Nistru",
    "Prut",
    "Carpați",
    "Dacia",
    "Orhei",
    "Bucovina",
    "Moldova",
    "Volga",
    "Ural",
    "Sever",
    "Iskra",
    "Zarya",
    "Raduga",
    "Vostok",
    "Bereg",
    "Aurora",
    "Delta",
    "Granit",
    "Leader",
    "Optima",
    "Prima",
    "Terra",
    "Vita",
)
COMPANY_KINDS = (
    "Market",
    "Trade",
    "Distribuție",
    "Horeca",
    "Agro",
    "Service",
    "Logistic",
    "Food",
    "Torg",
    "Snab",
    "Grup",
    "Impex",
)
COMPANY_FORMS = ("SRL", "SA", "ÎI", "OOO", "AO", "IP")
FIRST_NAMES = (
    "Ana",
    "Elena",
    "Maria",
    "Ioana",
    "Cristina",
    "Natalia",
    "Olga",
    "Svetlana",
    "Tatiana",
    "Irina",
    "Andrei",
    "Ion",
    "Mihai",
    "Vasile",
    "Alexandru",
    "Dmitri",
    "Sergei",
    "Nikolai",
    "Pavel",
    "Victor",
    "Igor",
    "Oleg",
    "Doina",
    "Galina",
)
LAST_NAMES = (
    "Popescu",
    "Rusu",
    "Ciobanu",
    "Munteanu",
    "Lungu",
    "Cebotari",
    "Rotaru",
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Sokolov",
    "Volkov",
    "Morozov",
    "Moraru",
    "Botnari",
    "Sârbu",
    "Turcan",
    "Guțu",
    "Melnic",
)
# the language clients of each country read, when installed
LANGUAGES = {"MD": "ro_RO", "RO": "ro_RO", "RU": "ru_RU"}
CITIES = {
    "MD": ("Chișinău", "Bălți", "Orhei", "Cahul", "Ungheni", "Soroca"),
    "RO": ("Iași", "București", "Cluj-Napoca", "Suceava", "Brașov"),
    "RU": ("Москва", "Санкт-Петербург", "Казань", "Воронеж"),
}
CATALOGUE = {
    "Beverages": (
        ("Mineral water 0.5 l, pack of 12", 48.0),
        ("Apple juice 1 l", 22.0),
        ("Black tea, 100 bags", 65.0),
        ("Ground coffee 1 kg", 310.0),
    ),
    "Dairy": (
        ("Butter 82%, 5 kg block", 640.0),
        ("Cheese 'Cașcaval', 1 kg", 160.0),
        ("Yoghurt 0.5 l, crate of 20", 210.0),
    ),
    "Bakery": (
        ("Flour, 50 kg sack", 390.0),
        ("Sugar, 50 kg sack", 720.0),
        ("Yeast 500 g", 38.0),
    ),
    "Household": (
        ("Dish soap 5 l", 95.0),
        ("Paper towels, 12 rolls", 120.0),
        ("Garbage bags 120 l, 50 pcs", 85.0),
    ),
    "Office": (
        ("Copy paper A4, box of 5 reams", 280.0),
        ("Ballpoint pens, 50 pcs", 90.0),
        ("Toner cartridge", 950.0),
    ),
    "Equipment": (
        ("Espresso machine", 14500.0),
        ("Refrigerated display case", 28900.0),
        ("Coffee grinder", 3900.0),
    ),
}

CHURN_NOTES = (
    "Said a competitor offered the same goods 7% cheaper with delivery included.",
    "Complained twice about late deliveries before the holidays.",
    "The owner closed the shop and moved abroad.",
    "Now buys directly from the producer.",
    "Did not answer three calls; the new buyer does not know us.",
    "Reorganised their menu and no longer uses our products.",
)

Client = namedtuple(
    "Client", "id profile is_company size user_id contact_ids categories"
)
