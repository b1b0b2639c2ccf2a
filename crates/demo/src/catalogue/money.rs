//! Money and debts, forms and language: the help residents look for when the post
//! piles up.

use super::{BASE, Hours, Provider::*, Template};
use wegwijs_domain::{FundingScheme::*, ReferralRoute, TargetGroup::*};

pub const ALL: &[Template] = &[
    Template {
        key: "schuldhulpverlening",
        names: &[
            "Schuldhulpverlening",
            "Schuldhulpverlening {p}",
            "Hulp bij schulden",
        ],
        summary: "Heeft u moeite met rekeningen betalen? Wij helpen u gratis om weer overzicht te krijgen.",
        description: "Integrale schuldhulpverlening conform de Wet gemeentelijke schuldhulpverlening (Wgs), inclusief stabilisatie, budgetbeheer en een minnelijk traject. Waar nodig begeleiden wij de aanvraag van een WSNP-traject via de rechtbank.",
        extras: &[
            "Binnen drie werkdagen na uw aanmelding neemt een schuldhulpverlener contact met u op.",
            "Bij een dreigende huisuitzetting of afsluiting van energie gaan wij direct aan de slag.",
        ],
        themes: &["geld-en-schulden"],
        health: &["dagelijks-functioneren", "mentaal-welbevinden"],
        providers: &[Gemeente, Stichting],
        groups: &[Volwassenen, LaagInkomen],
        ages: (Some(18), None),
        funding: &[Participatiewet, Gratis],
        apply: "Meld u aan via het sociaal loket of bel ons. U krijgt een intakegesprek waarin we samen uw inkomsten, uitgaven en schulden op een rij zetten.",
        wait: Some("Intake binnen 2 weken; bij spoed binnen 3 werkdagen"),
        pro: Some(
            "Direct doorverwijzen kan via het verwijsformulier; vermeld of er sprake is van een beslag of dreigende ontruiming. Vroegsignalering via woningcorporatie en energieleverancier loopt via ons.",
        ),
        ..BASE
    },
    Template {
        key: "budgetcoaching",
        names: &["Budgetcoaching", "Budgetmaatje", "Thuisadministratie"],
        summary: "Een vrijwilliger helpt u thuis met uw administratie. Samen zorgen we dat u rond kunt komen.",
        description: "Preventieve financiële begeleiding door getrainde vrijwilligers (methodiek Thuisadministratie/Schuldhulpmaatje). Gericht op het aanleren van budgetvaardigheden en het voorkomen van problematische schulden; nauwe afstemming met de gemeentelijke schuldhulpverlening.",
        extras: &[
            "Het maatje komt eens per week of eens per twee weken bij u thuis.",
            "Alles wat u vertelt, blijft tussen u en uw maatje.",
        ],
        themes: &["geld-en-schulden"],
        health: &["dagelijks-functioneren"],
        providers: &[Welzijn, Stichting, Kerk],
        groups: &[Volwassenen, LaagInkomen],
        apply: "Bel of mail ons. Een coördinator komt bij u langs voor een kennismaking en zoekt een vrijwilliger die bij u past.",
        wait: Some("Ongeveer 3 tot 6 weken"),
        hours: Hours::Mornings,
        ..BASE
    },
    Template {
        key: "formulierenhulp",
        names: &[
            "Formulierenhulp",
            "Formulierenspreekuur",
            "Hulp bij formulieren",
        ],
        summary: "Snapt u een brief of formulier niet? Kom langs, wij helpen u gratis met invullen.",
        description: "Laagdrempelig inloopspreekuur voor hulp bij formulieren en brieven van onder meer Belastingdienst, UWV, SVB, DUO en gemeente, zoals toeslagen, kwijtschelding gemeentelijke belastingen en de aanvraag van bijzondere bijstand.",
        extras: &[
            "Neem de brief of het formulier en uw DigiD mee.",
            "U hoeft geen afspraak te maken.",
        ],
        themes: &["geld-en-schulden"],
        health: &["dagelijks-functioneren"],
        providers: &[Welzijn, Stichting, Buurt],
        multilingual: true,
        apply: "Loop binnen tijdens het spreekuur. Een afspraak maken mag ook.",
        hours: Hours::Spreekuur,
        ..BASE
    },
    Template {
        key: "belastingaangifte",
        names: &[
            "Belastingservice",
            "Hulp bij belastingaangifte",
            "Invulhulp belastingaangifte",
        ],
        summary: "Wij vullen uw belastingaangifte voor u in. Dit is voor mensen met een laag inkomen.",
        description: "Hulp bij de aangifte inkomstenbelasting en het aanvragen of wijzigen van huur- en zorgtoeslag, door gecertificeerde belastinginvullers. Voor huishoudens met een inkomen tot ongeveer 130% van het sociaal minimum.",
        themes: &["geld-en-schulden"],
        health: &["dagelijks-functioneren"],
        providers: &[Ouderenbond, Welzijn, Stichting],
        groups: &[LaagInkomen, Ouderen],
        apply: "Bel voor een afspraak vanaf februari. Neem uw DigiD, jaaropgaven en de beschikkingen van uw toeslagen mee.",
        wait: Some("In maart en april 2 tot 3 weken"),
        extras: &["Een vrijwilliger kan ook bij u thuis komen als u slecht ter been bent."],
        hours: Hours::Appointment,
        ..BASE
    },
    Template {
        key: "voedselbank",
        names: &["Voedselbank {p}", "Uitgiftepunt Voedselbank {p}"],
        summary: "Heeft u te weinig geld voor eten? Bij de voedselbank krijgt u elke week een pakket met boodschappen.",
        description: "Wekelijkse verstrekking van voedselpakketten aan huishoudens die voldoen aan de landelijke toelatingscriteria van Voedselbanken Nederland (vrij besteedbaar budget onder de norm). Toelating na een intake door een verwijzer; herbeoordeling elke zes maanden.",
        themes: &["geld-en-schulden"],
        health: &["lichaamsfuncties", "dagelijks-functioneren"],
        providers: &[Buurt, Kerk],
        groups: &[LaagInkomen],
        referral: (
            ReferralRoute::Wijkteam,
            Some(
                "Een hulpverlener van het sociaal team, de schuldhulp of het maatschappelijk werk meldt u aan en berekent samen met u of u in aanmerking komt.",
            ),
        ),
        apply: "U kunt zich niet zelf aanmelden. Vraag uw hulpverlener of bel ons: wij vertellen u wie u kan aanmelden.",
        pro: Some(
            "Aanmelden via het intakeformulier met een budgetoverzicht. Pakketten worden op vrijdagmiddag uitgegeven; bezorging is mogelijk bij wie niet mobiel is.",
        ),
        hours: Hours::Spreekuur,
        ..BASE
    },
    Template {
        key: "kledingbank",
        names: &["Kledingbank {p}", "Kledingbus {p}"],
        summary: "Heeft u weinig geld? Bij de kledingbank kiest u gratis kleding voor uzelf en uw kinderen.",
        description: "Gratis verstrekking van ingezamelde, gesorteerde kleding en schoenen aan huishoudens met een inkomen rond het sociaal minimum, op vertoon van een verwijsbrief of een toekenning van de voedselbank.",
        themes: &["geld-en-schulden"],
        health: &["kwaliteit-van-leven"],
        providers: &[Buurt, Kerk],
        groups: &[LaagInkomen, Ouders],
        referral: (
            ReferralRoute::Wijkteam,
            Some(
                "U heeft een verwijsbrief nodig van een hulpverlener, de voedselbank of het sociaal team.",
            ),
        ),
        apply: "Kom langs tijdens de openingstijden met uw verwijsbrief. U mag vier keer per jaar komen.",
        hours: Hours::Mornings,
        ..BASE
    },
    Template {
        key: "meedoenregeling",
        names: &["Meedoenregeling", "Kindpakket", "Minimaregelingen"],
        summary: "Heeft u een laag inkomen? Dan betaalt de gemeente mee aan sport, cultuur en school voor u en uw kinderen.",
        description: "Gemeentelijk minimabeleid op grond van de Participatiewet: een jaarlijks budget voor maatschappelijke participatie (contributie, schoolkosten, zwemles, laptop), de collectieve zorgverzekering en individuele inkomenstoeslag. Inkomensgrens 120% van de bijstandsnorm.",
        themes: &["geld-en-schulden", "jeugd-en-gezin"],
        health: &["meedoen"],
        providers: &[Gemeente],
        groups: &[LaagInkomen, Ouders, Kinderen],
        funding: &[Participatiewet],
        apply: "Vraag de regeling digitaal aan met DigiD of vraag een papieren formulier aan. U krijgt binnen 8 weken een besluit.",
        wait: Some("Besluit binnen 8 weken"),
        hours: Hours::Office,
        ..BASE
    },
    Template {
        key: "taalcafe",
        names: &["Taalcafé", "Taalcafé {p}", "Samen Nederlands praten"],
        summary: "Wilt u beter Nederlands leren spreken? Oefen gezellig met anderen bij het taalcafé.",
        description: "Wekelijkse informele conversatiebijeenkomst voor anderstaligen onder begeleiding van taalvrijwilligers, aanvullend op het formele inburgeringstraject (Wet inburgering 2021) en NT2-onderwijs. Ook geschikt voor laaggeletterde Nederlandstaligen.",
        themes: &["onderwijs-en-taal", "ontmoeting"],
        health: &["meedoen", "zingeving"],
        providers: &[Welzijn, Cultuur, Kerk, Stichting],
        groups: &[Nieuwkomers],
        multilingual: true,
        apply: "U kunt gewoon binnenlopen. Aanmelden is niet nodig.",
        hours: Hours::Evenings,
        ..BASE
    },
    Template {
        key: "taalmaatje",
        names: &["Taalmaatje", "Taalhuis {p}", "Digitaal Taalhuis"],
        summary: "Wilt u beter leren lezen, schrijven of rekenen? Een vrijwilliger helpt u op uw eigen tempo.",
        description: "Eén-op-éénbegeleiding door een taalvrijwilliger en begeleide oefenuren in het Taalhuis, gericht op basisvaardigheden (taal, rekenen, digitale vaardigheden) binnen het programma Tel mee met Taal. Doorverwijzing naar formele NT1/NT2-trajecten waar passend.",
        themes: &["onderwijs-en-taal"],
        health: &["meedoen", "dagelijks-functioneren"],
        providers: &[Cultuur, Welzijn, Stichting],
        groups: &[Nieuwkomers, Volwassenen],
        multilingual: true,
        apply: "Kom langs tijdens het inloopuur of bel ons. We maken eerst een kennismakingsafspraak.",
        wait: Some("2 tot 8 weken tot er een maatje is"),
        hours: Hours::Spreekuur,
        ..BASE
    },
    Template {
        key: "digitaal-spreekuur",
        names: &[
            "Digitaal spreekuur",
            "Hulp bij DigiD",
            "Informatiepunt Digitale Overheid",
        ],
        summary: "Lukt het niet met DigiD of de computer? Wij helpen u gratis bij het inloggen en invullen.",
        description: "Informatiepunt Digitale Overheid (IDO): ondersteuning bij het aanvragen en activeren van DigiD, het gebruik van de DigiD-app, MijnOverheid, de Berichtenbox en online aanvragen bij overheidsinstanties. Geen inhoudelijke toeslagenadvisering.",
        extras: &[
            "Neem uw telefoon, laptop of tablet mee als u die heeft.",
            "Wij kijken nooit mee met uw wachtwoord.",
        ],
        themes: &["onderwijs-en-taal", "ouderen"],
        health: &["dagelijks-functioneren", "meedoen"],
        providers: &[Cultuur, Welzijn],
        groups: &[Ouderen, Volwassenen],
        apply: "Loop binnen tijdens het spreekuur, zonder afspraak.",
        hours: Hours::Spreekuur,
        ..BASE
    },
    Template {
        key: "huiswerkbegeleiding",
        names: &["Huiswerkbegeleiding", "Huiswerkklas {p}", "Huiswerkhulp"],
        summary: "Heeft uw kind hulp nodig bij huiswerk? Vrijwilligers helpen na schooltijd met leren en plannen.",
        description: "Huiswerkondersteuning na schooltijd voor leerlingen uit groep 7 en 8 en het voortgezet onderwijs, met aandacht voor planning, leerstrategieën en taal. Samenwerking met de scholen en het schoolmaatschappelijk werk.",
        themes: &["onderwijs-en-taal", "jeugd-en-gezin"],
        health: &["meedoen", "dagelijks-functioneren"],
        providers: &[Welzijn, Cultuur, Kerk],
        ages: (Some(10), Some(18)),
        groups: &[Kinderen, Jongeren],
        apply: "Ouders of de school melden de leerling aan. Daarna volgt een kort gesprek.",
        hours: Hours::Evenings,
        ..BASE
    },
    Template {
        key: "bijzondere-bijstand",
        names: &["Bijzondere bijstand", "Inkomensondersteuning"],
        summary: "Heeft u onverwachte kosten die u niet kunt betalen? Misschien helpt de gemeente met bijzondere bijstand.",
        description: "Individuele bijzondere bijstand (art. 35 Participatiewet) voor noodzakelijke, uit bijzondere omstandigheden voortvloeiende kosten, zoals bewindvoering, eigen risico-gerelateerde kosten of duurzame gebruiksgoederen. Draagkrachtberekening op basis van inkomen en vermogen.",
        themes: &["geld-en-schulden"],
        health: &["dagelijks-functioneren"],
        providers: &[Gemeente],
        groups: &[LaagInkomen],
        funding: &[Participatiewet],
        apply: "Vraag het aan via het digitale formulier met DigiD. Stuur bewijs van de kosten mee.",
        wait: Some("Besluit binnen 8 weken"),
        pro: Some(
            "Bij beschermingsbewind vraagt de bewindvoerder de kosten rechtstreeks aan. Spoedaanvragen kunnen telefonisch via de professionals-lijn worden besproken.",
        ),
        ..BASE
    },
];
