//! Health and mental health: the first-line practices and the prevention work around
//! them (valpreventie, Welzijn op Recept, lotgenotencontact).

use super::{BASE, Hours, Provider::*, Template};
use wegwijs_domain::{FundingScheme::*, ReferralRoute, TargetGroup::*};

pub const ALL: &[Template] = &[
    Template {
        key: "huisartsenpraktijk",
        names: &["Huisartsenzorg", "Spreekuur huisarts", "Huisartsenpraktijk"],
        summary: "Bent u ziek of maakt u zich zorgen over uw gezondheid? Maak een afspraak met de huisarts.",
        description: "Huisartsenzorg volgens de NHG-standaarden: spreekuur, visites, chronische zorg (diabetes, COPD, cardiovasculair risicomanagement) in ketenzorg met de praktijkondersteuner, en kleine verrichtingen. Buiten kantoortijden verwijzen wij naar de huisartsenpost.",
        extras: &[
            "Wij nemen nieuwe patiënten aan die in ons werkgebied wonen.",
            "Herhaalrecepten kunt u online aanvragen.",
            "Ons spreekuur is alleen op afspraak.",
        ],
        themes: &["gezondheid"],
        health: &["lichaamsfuncties"],
        providers: &[Huisarts],
        groups: &[Volwassenen, Kinderen, Ouderen],
        funding: &[Zvw],
        apply: "Bel 's ochtends voor een afspraak. Bij spoed belt u direct en kiest u 1.",
        hours: Hours::Office,
        ..BASE
    },
    Template {
        key: "poh-ggz",
        names: &["Praktijkondersteuner GGZ", "POH-GGZ spreekuur"],
        summary: "Zit u niet lekker in uw vel of piekert u veel? De praktijkondersteuner van uw huisarts denkt met u mee.",
        description: "Kortdurende begeleiding (5 tot 8 gesprekken) door de praktijkondersteuner huisarts GGZ bij lichte psychische klachten: probleemverheldering, psycho-educatie, e-health-modules en zo nodig verwijzing naar basis- of specialistische GGZ.",
        themes: &["psychische-gezondheid", "gezondheid"],
        health: &["mentaal-welbevinden"],
        providers: &[Huisarts],
        groups: &[Volwassenen, Jongeren, PsychischeKwetsbaarheid],
        funding: &[Zvw],
        referral: (
            ReferralRoute::Huisarts,
            Some("Uw eigen huisarts verwijst u door binnen de praktijk."),
        ),
        apply: "Bespreek uw klachten met uw huisarts. Die plant een eerste gesprek met de POH-GGZ.",
        wait: Some("1 tot 2 weken"),
        pro: Some(
            "Niet geschikt bij acute suïcidaliteit of complexe problematiek; dan consultatie via de regionale GGZ-instelling.",
        ),
        ..BASE
    },
    Template {
        key: "fysiotherapie",
        names: &["Fysiotherapie", "Oefentherapie", "Fysiotherapie aan huis"],
        summary: "Heeft u pijn of kunt u minder goed bewegen? De fysiotherapeut helpt u weer op weg.",
        description: "Fysiotherapie bij klachten aan het houdings- en bewegingsapparaat, ook na een operatie of bij chronische aandoeningen (COPD, artrose, claudicatio via Chronisch ZorgNet). Directe toegankelijkheid (DTF): een verwijzing is niet nodig.",
        extras: &[
            "Wij hebben een eigen oefenzaal met begeleid trainen.",
            "Behandeling aan huis is mogelijk als u niet naar de praktijk kunt komen.",
        ],
        themes: &["gezondheid"],
        health: &["lichaamsfuncties", "dagelijks-functioneren"],
        providers: &[Fysio],
        groups: &[Volwassenen, Ouderen],
        funding: &[Zvw, EigenBetaling],
        cost: Some(("Zitting zonder aanvullende verzekering", 3800, 4600)),
        apply: "Bel of mail voor een afspraak. Een verwijzing van de huisarts is niet nodig.",
        wait: Some("Meestal binnen een week"),
        ..BASE
    },
    Template {
        key: "logopedie",
        names: &["Logopedie", "Logopedie voor kinderen en volwassenen"],
        summary: "Heeft u of uw kind moeite met praten, slikken of verstaan? De logopedist helpt.",
        description: "Logopedische diagnostiek en behandeling van spraak-, taal-, stem-, slik- en gehoorproblemen, bij kinderen onder meer bij taalontwikkelingsstoornissen (TOS) en bij volwassenen na CVA of bij afasie. Vergoed uit de basisverzekering.",
        themes: &["gezondheid", "onderwijs-en-taal"],
        health: &["lichaamsfuncties", "meedoen"],
        providers: &[Fysio],
        groups: &[Kinderen, Volwassenen],
        funding: &[Zvw],
        apply: "Meld u aan via de website of telefonisch. Een verwijzing is niet nodig.",
        wait: Some("3 tot 6 weken"),
        ..BASE
    },
    Template {
        key: "valpreventie",
        names: &[
            "Valpreventie: In Balans",
            "Cursus Vallen Verleden Tijd",
            "Valpreventietraining",
        ],
        summary: "Bent u bang om te vallen? In deze cursus oefent u uw evenwicht en leert u veilig bewegen.",
        description: "Erkende valpreventieve beweeginterventie voor thuiswonende ouderen met een verhoogd valrisico, na een valrisicotest (Timed Up and Go). Groepstraining van tien weken gericht op balans, spierkracht en valangst, gegeven door een fysiotherapeut.",
        themes: &["ouderen", "gezondheid", "veiligheid"],
        health: &["lichaamsfuncties", "dagelijks-functioneren"],
        providers: &[Fysio, Welzijn],
        groups: &[Ouderen],
        ages: (Some(65), None),
        funding: &[Zvw, EigenBetaling],
        cost: Some(("Eigen bijdrage hele cursus", 2500, 4500)),
        apply: "Meld u aan bij de fysiotherapeut. U doet eerst een korte valrisicotest.",
        ..BASE
    },
    Template {
        key: "beweegprogramma",
        names: &[
            "Meer Bewegen voor Ouderen",
            "Beweegmaatje {p}",
            "Stoelyoga",
            "Wandelgroep {p}",
        ],
        summary: "Wilt u fit blijven op uw eigen tempo? Beweeg samen met anderen, onder goede begeleiding.",
        description: "Laagdrempelig beweegaanbod in groepsverband voor ouderen en mensen met een chronische aandoening, gericht op conditie, mobiliteit en sociale contacten. Onderdeel van het lokale sportakkoord en de preventieaanpak van de gemeente.",
        extras: &[
            "Na afloop drinken we samen koffie.",
            "De eerste keer is gratis; kom gerust kijken.",
        ],
        themes: &["sport-en-cultuur", "ouderen", "gezondheid"],
        health: &["lichaamsfuncties", "meedoen"],
        providers: &[Welzijn, Sportclub, Ouderenbond],
        groups: &[Ouderen],
        ages: (Some(55), None),
        funding: &[EigenBetaling],
        cost: Some(("Per les", 300, 450)),
        apply: "U kunt zonder aanmelding een keer meedoen. Daarna schrijft u zich in bij de begeleider.",
        hours: Hours::Mornings,
        ..BASE
    },
    Template {
        key: "leefstijlcoach",
        names: &["Gecombineerde leefstijlinterventie", "Leefstijlcoaching"],
        summary: "Wilt u gezonder eten, meer bewegen en afvallen? Een leefstijlcoach begeleidt u twee jaar lang.",
        description: "Gecombineerde leefstijlinterventie (GLI, bijvoorbeeld CooL of SLIMMER) voor volwassenen met overgewicht en een verhoogd gezondheidsrisico: groeps- en individuele sessies over voeding, beweging, slaap en gedrag. Vergoed uit de basisverzekering zonder eigen risico.",
        themes: &["gezondheid"],
        health: &["lichaamsfuncties", "kwaliteit-van-leven"],
        providers: &[Fysio, Huisarts],
        groups: &[Volwassenen],
        ages: (Some(18), None),
        funding: &[Zvw],
        referral: (
            ReferralRoute::Huisarts,
            Some("U heeft een verwijzing van de huisarts of medisch specialist nodig."),
        ),
        apply: "Vraag uw huisarts om een verwijzing en bel ons voor een intakegesprek.",
        wait: Some("2 tot 4 weken"),
        ..BASE
    },
    Template {
        key: "welzijn-op-recept",
        names: &["Welzijn op Recept", "Welzijn op Recept {p}"],
        summary: "Voelt u zich somber, eenzaam of moe zonder duidelijke oorzaak? Samen zoeken we iets dat u energie geeft.",
        description: "Welzijn op Recept: de huisarts of POH verwijst patiënten met psychosociale klachten naar een welzijnscoach, die met de methodiek van Positieve Gezondheid (spinnenweb) zoekt naar passende activiteiten in de wijk, zoals vrijwilligerswerk, een cursus of een beweeggroep.",
        themes: &["psychische-gezondheid", "ontmoeting"],
        health: &["zingeving", "meedoen"],
        providers: &[Welzijn],
        groups: &[Volwassenen, Ouderen, PsychischeKwetsbaarheid],
        referral: (
            ReferralRoute::Huisarts,
            Some(
                "De huisarts of praktijkondersteuner geeft u een 'recept' en meldt u bij ons aan.",
            ),
        ),
        apply: "Na de verwijzing belt de welzijnscoach u binnen een week voor een eerste gesprek.",
        pro: Some(
            "Verwijzen kan via het verwijsformulier in Zorgdomein of per beveiligde mail; terugkoppeling aan de verwijzer na het derde gesprek.",
        ),
        ..BASE
    },
    Template {
        key: "rouwverwerking",
        names: &[
            "Rouwgroep",
            "Rouwverwerking: Verder na verlies",
            "Praatgroep na verlies",
        ],
        summary: "Heeft u iemand verloren? In een kleine groep praat u met anderen die hetzelfde meemaken.",
        description: "Lotgenotengroep voor mensen die een partner, kind of ouder hebben verloren, begeleid door een getrainde rouwbegeleider. Acht bijeenkomsten over rouwtaken, herinneringen en de draad weer oppakken.",
        themes: &["psychische-gezondheid", "ontmoeting"],
        health: &["zingeving", "mentaal-welbevinden"],
        providers: &[Welzijn, Kerk, Stichting],
        groups: &[Volwassenen, Ouderen],
        apply: "Bel of mail de begeleider voor een kennismakingsgesprek. Een nieuwe groep start twee keer per jaar.",
        wait: Some("Start nieuwe groep in het voor- en najaar"),
        hours: Hours::Evenings,
        ..BASE
    },
    Template {
        key: "inloop-ggz",
        names: &["Inloophuis {p}", "Herstelcafé {p}", "GGZ-inloop"],
        summary: "Zoekt u een rustige plek om mensen te ontmoeten? Bij de inloop bent u welkom voor koffie en een praatje.",
        description: "Laagdrempelige inloopvoorziening voor mensen met psychische kwetsbaarheid, gericht op herstel, structuur en sociale contacten, met ervaringsdeskundigen en vrijwilligers. Wmo-algemene voorziening, geen indicatie nodig.",
        themes: &["psychische-gezondheid", "ontmoeting", "dagbesteding"],
        health: &["mentaal-welbevinden", "meedoen"],
        care: Some("wmo-09"),
        providers: &[Stichting, Welzijn],
        groups: &[PsychischeKwetsbaarheid, Volwassenen],
        funding: &[Wmo, Gratis],
        apply: "Loop gerust binnen tijdens de openingstijden. Aanmelden is niet nodig.",
        hours: Hours::Mornings,
        ..BASE
    },
    Template {
        key: "luisterlijn",
        names: &[
            "Telefonische luisterdienst",
            "Luisterlijn {m}",
            "Chat- en belservice",
        ],
        summary: "Wilt u uw verhaal kwijt? Bel of chat met een vrijwilliger die naar u luistert, dag en nacht.",
        description: "Anonieme telefonische en online hulpdienst met getrainde vrijwilligers, voor mensen die behoefte hebben aan een luisterend oor bij eenzaamheid, zorgen of psychische klachten. Bij acuut suïciderisico wordt doorverwezen naar 113 Zelfmoordpreventie.",
        themes: &["psychische-gezondheid"],
        health: &["mentaal-welbevinden", "zingeving"],
        providers: &[Stichting],
        groups: &[Volwassenen, Ouderen, PsychischeKwetsbaarheid],
        apply: "Bel of chat wanneer u wilt. U hoeft uw naam niet te noemen.",
        hours: Hours::Always,
        ..BASE
    },
    Template {
        key: "patientenvereniging",
        names: &[
            "Lotgenotencontact diabetes",
            "Hart- en vaatgroep {p}",
            "Parkinsoncafé {p}",
            "Contactgroep reuma",
        ],
        summary: "Heeft u een chronische ziekte? Ontmoet anderen met dezelfde aandoening en wissel ervaringen uit.",
        description: "Regionale afdeling van een landelijke patiëntenvereniging: lotgenotencontact, voorlichtingsbijeenkomsten met zorgprofessionals en belangenbehartiging richting zorgaanbieders en zorgverzekeraars.",
        themes: &["gezondheid", "ontmoeting"],
        health: &["meedoen", "kwaliteit-van-leven"],
        providers: &[Ouderenbond],
        groups: &[Volwassenen, Ouderen],
        funding: &[EigenBetaling],
        cost: Some(("Lidmaatschap per jaar", 2500, 3500)),
        apply: "Kom vrijblijvend naar een bijeenkomst. Lid worden is niet verplicht.",
        hours: Hours::Evenings,
        ..BASE
    },
    Template {
        key: "begeleiding-ggz",
        names: &[
            "Ambulante begeleiding",
            "Begeleiding thuis",
            "Individuele begeleiding GGZ",
        ],
        summary: "Lukt het u niet goed om uw dagelijks leven op orde te houden? Een vaste begeleider komt bij u thuis.",
        description: "Individuele ambulante begeleiding (Wmo-maatwerkvoorziening) voor volwassenen met psychische kwetsbaarheid of een licht verstandelijke beperking, gericht op zelfredzaamheid: dagstructuur, administratie, huishouden en sociale contacten. Werkwijze herstelgericht, volgens een ondersteuningsplan met doelen die halfjaarlijks worden geëvalueerd.",
        extras: &[
            "De begeleider werkt samen met uw netwerk.",
            "Wij werken met een klein, vast team.",
        ],
        themes: &["psychische-gezondheid", "handicap-en-beperking"],
        health: &["dagelijks-functioneren", "mentaal-welbevinden"],
        care: Some("wmo-02"),
        providers: &[Stichting, Bedrijf],
        groups: &[PsychischeKwetsbaarheid, MensenMetBeperking, Volwassenen],
        ages: (Some(18), None),
        funding: &[Wmo],
        referral: (
            ReferralRoute::Gemeente,
            Some(
                "Het Wmo-loket of sociaal team stelt na een keukentafelgesprek een indicatie voor begeleiding.",
            ),
        ),
        apply: "Vraag begeleiding aan bij het Wmo-loket. Met uw beschikking kiest u ons als aanbieder en plannen wij een kennismaking.",
        wait: Some("4 tot 8 weken"),
        pro: Some(
            "Aanmelding na beschikking via het iWmo-berichtenverkeer; bij wachttijd is overbruggingszorg mogelijk in overleg met het sociaal team.",
        ),
        ..BASE
    },
    Template {
        key: "clientondersteuning",
        names: &[
            "Onafhankelijke cliëntondersteuning",
            "Cliëntondersteuning {p}",
        ],
        summary: "Moet u zorg of hulp aanvragen bij de gemeente? Een cliëntondersteuner gaat gratis met u mee naar het gesprek.",
        description: "Onafhankelijke cliëntondersteuning (artikel 2.2.4 Wmo 2015): informatie, advies en kortdurende ondersteuning bij het verhelderen van de hulpvraag, het keukentafelgesprek, bezwaar en het ondersteuningsplan, over Wmo, Jeugdwet, Participatiewet en Wlz heen. Los van de indicatiestelling van de gemeente.",
        themes: &["handicap-en-beperking", "ouderen"],
        health: &["dagelijks-functioneren", "meedoen"],
        providers: &[Stichting],
        groups: &[MensenMetBeperking, Ouderen, Mantelzorgers],
        apply: "Bel of mail ons. Wij maken een afspraak bij u thuis of op ons kantoor, ook voordat u de gemeente belt.",
        pro: Some(
            "Wijs cliënten actief op het recht op gratis cliëntondersteuning vóór het keukentafelgesprek; aanmelden met toestemming van de cliënt kan per mail.",
        ),
        ..BASE
    },
];
