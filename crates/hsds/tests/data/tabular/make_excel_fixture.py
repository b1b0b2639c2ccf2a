"""Writes tests/data/tabular/excel-nl: an HSDS 3.0 package as a Dutch municipality
saves it from Excel, without datapackage.json. The files are committed; run this only
to change them (python3 make_excel_fixture.py, from this folder).

- organizations.csv: "CSV UTF-8" — semicolons, a byte order mark, CRLF.
- services.csv: "CSV (puntkomma-gescheiden)" — semicolons, Windows-1252 ("ANSI"),
  CRLF, dates as 31-12-2025, yes/no as ja/nee and WAAR/ONWAAR.
- locations.csv: "Unicode-tekst" — UTF-16 little endian with a byte order mark, tabs.
- cost_options.csv, schedules.csv, opening_hours_exceptions.csv, addresses.csv,
  service_at_location.csv: semicolons, Windows-1252, a decimal comma (7,50), times as
  9.00, day-first dates.
"""

import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "excel-nl")


def rows(*lines):
    return "".join(line + "\r\n" for line in lines)


def write(name, text, encoding, bom=b""):
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(bom + text.encode(encoding))


os.makedirs(HERE, exist_ok=True)
write(
    "organizations.csv",
    rows(
        "id;name;description;email;website;legal_status",
        "org-1;Stichting Welzijn Noordwijk;Welzijnswerk voor jong en oud.;info@welzijnnoordwijk.nl;"
        "https://www.welzijnnoordwijk.nl;stichting",
    ),
    "utf-8",
    b"\xef\xbb\xbf",
)
write(
    "services.csv",
    rows(
        "id;organization_id;name;description;status;fees_description;minimum_age;assured_date;last_modified;"
        "summary;referral_required;referral_route;eligibility_target_groups;opening_hours_closed_on_public_holidays",
        "svc-1;org-1;Café Samen;Elke week koffie en een praatje in het café.;active;Koffie € 1,50;65;31-12-2025;"
        "31-12-2025 14:30;Koffie drinken met anderen.;nee;none;ouderen;WAAR",
        "svc-2;org-1;Hulp bij formulieren;Een vrijwilliger helpt met post en formulieren.;active;;18;1/2/2025;;"
        "Hulp met post.;ja;wijkteam;ouderen;mantelzorgers;ONWAAR",
    ).replace("ouderen;mantelzorgers", '"ouderen;mantelzorgers"'),
    "cp1252",
)
write(
    "locations.csv",
    "".join(
        line + "\r\n"
        for line in [
            "id\tlocation_type\torganization_id\tname\tdescription\tlatitude\tlongitude",
            "loc-1\tphysical\torg-1\tDorpshuis De Schelp\tOntmoetingsplek aan de Zeeweg.\t52,2431\t4,4295",
        ]
    ),
    "utf-16-le",
    b"\xff\xfe",
)
write(
    "addresses.csv",
    rows(
        "id;location_id;address_1;city;region;state_province;postal_code;country;address_type",
        "adr-1;loc-1;Zeeweg 4;Noordwijk;Noordwijk;Zuid-Holland;2202 CA;NL;physical",
    ),
    "cp1252",
)
write(
    "service_at_location.csv",
    rows("id;service_id;location_id;description", "sal-1;svc-1;loc-1;In de grote zaal"),
    "cp1252",
)
write(
    "cost_options.csv",
    rows(
        "id;service_id;option;currency;amount;amount_description",
        "cost-1;svc-1;Kop koffie;EUR;1,50;€ 1,50 per kop",
        "cost-2;svc-1;Lunch;EUR;7,50;",
    ),
    "cp1252",
)
write(
    "schedules.csv",
    rows(
        "id;service_id;location_id;freq;byday;opens_at;closes_at;description",
        "sch-1;svc-1;;WEEKLY;WE;9.30;11.30;woensdagochtend",
        "sch-2;;loc-1;WEEKLY;MO,TU,WE,TH,FR;9.00;17.00;",
    ),
    "cp1252",
)
write(
    "opening_hours_exceptions.csv",
    rows(
        "id;service_id;location_id;service_at_location_id;date;closed;opens;closes;reason",
        "ex-1;svc-1;;;25-12-2025;ja;;;Eerste kerstdag",
        "ex-2;;loc-1;;31-12-2025;nee;9.00;12.00;Oudejaarsdag",
    ),
    "cp1252",
)
