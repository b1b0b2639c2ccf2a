"""Writes the spreadsheet fixtures of the sheet import tests.

The files are committed; run this only to change them:

    python3 -m venv /tmp/xlsx && /tmp/xlsx/bin/pip install openpyxl==3.1.5
    /tmp/xlsx/bin/python make_fixtures.py

Every file holds the same three services, the way people save them:
- voorbeeld-excel.csv: Dutch Excel's "CSV (puntkomma-gescheiden)": semicolons,
  Windows-1252 ("ANSI"), CRLF, a list inside a cell in quotes.
- voorbeeld-utf8.csv: Excel's "CSV UTF-8": the same with a byte order mark.
- voorbeeld.xlsx: typed cells as Excel keeps them: house numbers and phone numbers as
  numbers (the phone's leading zero gone), dates as date cells; a second sheet "Oud".
- fouten.xlsx: one row whose costs cell holds the Excel error #N/A.
All match docs/examples/mapping-example.toml.
"""

import csv
import datetime
import io

import openpyxl

HEADER = [
    "Nr", "Organisatie", "Over de organisatie", "Website organisatie", "Aanbod",
    "Korte omschrijving", "Omschrijving", "Status", "Straat", "Huisnummer", "Toevoeging",
    "Postcode", "Plaats", "Telefoon", "E-mail", "Thema", "Thema 2", "Doelgroep", "Leeftijd",
    "Kosten", "Wie betaalt", "Verwijzing", "Openingstijden", "Aanmelden", "Gecontroleerd op",
    "Alleen voor professionals",
]

ROWS = [
    ["1", "Welzijn Teylingen", "Welzijnsorganisatie voor inwoners van Teylingen.",
     "www.welzijnteylingen.nl", "Maatjesproject", "Een vrijwilliger komt bij u op bezoek.",
     "Een vrijwilliger komt elke week bij u langs voor een praatje, een wandeling of een boodschap.",
     "actief", "Hoofdstraat", "12", "a", "2171 AB", "Sassenheim", "0252 123 456",
     "maatjes@welzijnteylingen.nl", "Ontmoeting", "Ouderen", "ouderen", "65+", "gratis", "Wmo",
     "nee", "ma-vr 9:00-17:00", "Bel of mail ons.", "31-12-2025",
     "Intake door Anja de Vries, direct 06-12345678"],
    ["2", "Welzijn Teylingen", "", "", "Café De Kroon", "Samen koffie drinken en mensen ontmoeten.",
     "Elke dinsdagmiddag is er koffie, thee en een spelletje.", "actief", "Hoofdstraat", "12", "a",
     "2171 AB", "Sassenheim", "0252 123 456", "", "Ontmoeting", "", "volwassenen; ouderen", "",
     "€ 2,50 per keer", "eigen bijdrage", "nee", "di 14.00–16.00 uur", "Loop gerust binnen.",
     "15-11-2025", ""],
    ["3", "Stichting Schuldhulp Bollenstreek", "Vrijwillige thuisadministratie en schuldhulp.",
     "https://www.schuldhulpbollenstreek.nl", "Thuisadministratie", "Hulp bij uw post en rekeningen.",
     "Een getrainde vrijwilliger helpt u thuis om uw administratie op orde te krijgen.", "actief",
     "Dorpsstraat", "3", "", "2361 AK", "Warmond", "071 301 2345", "info@schuldhulpbollenstreek.nl",
     "Hulp bij geld en schulden", "", "laag inkomen", "18+", "gratis", "Participatiewet",
     "via het wijkteam", "maandag t/m vrijdag 09.00–17.00 uur (gesloten op feestdagen)",
     "Vraag het wijkteam om een aanmelding.", "1-10-2025", "Alleen na aanmelding door het wijkteam."],
]


def csv_text():
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(ROWS)
    return out.getvalue()


def typed(header, value):
    """The cell as Excel would hold it after typing `value`."""
    if value == "":
        return None
    if header in ("Nr", "Huisnummer"):
        return int(value)
    if header == "Telefoon":
        return int(value.replace(" ", ""))  # Excel drops the leading zero
    if header == "Gecontroleerd op":
        day, month, year = (int(part) for part in value.split("-"))
        return datetime.datetime(year, month, day)
    return value


def workbook(rows, extra_sheet):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Aanbod"
    sheet.append(HEADER)
    for row in rows:
        sheet.append([typed(h, v) for h, v in zip(HEADER, row)])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "DD-MM-YYYY"
    if extra_sheet:
        old = book.create_sheet("Oud")
        old.append(["Naam", "Adres"])
        old.append(["Oude dienst", "Kerkstraat 1, 2171 AA Sassenheim"])
    return book


text = csv_text()
with open("voorbeeld-excel.csv", "wb") as f:
    f.write(text.encode("cp1252"))
with open("voorbeeld-utf8.csv", "wb") as f:
    f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
workbook(ROWS, extra_sheet=True).save("voorbeeld.xlsx")

broken = [list(ROWS[0])]
broken[0][HEADER.index("Kosten")] = "#N/A"  # openpyxl stores this as an error cell
workbook(broken, extra_sheet=False).save("fouten.xlsx")
