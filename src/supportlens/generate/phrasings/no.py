"""Norwegian (Bokmål) phrasings."""

from supportlens.generate.phrasings.pack import LanguagePack

PACK = LanguagePack(
    code="no",
    greetings=("", "", "Hei!", "Hei,", "Heisann,", "Hallo,", "God morgen,"),
    closings=("", "", "Takk!", "Takk på forhånd.", "Mvh", "Hilsen", "Håper på raskt svar."),
    slots={
        "ago": (
            "for tre dager siden",
            "forrige uke",
            "for to uker siden",
            "på mandag",
            "i går",
            "for over en uke siden",
            "forrige måned",
        ),
        "amount": ("499 kr", "1 299 kr", "249 kr", "89 kr", "2 990 kr"),
    },
    intents={
        "order_status": (
            ("Hvor er bestillingen min?", "Ordrestatus {order}"),
            (
                "Hvor er bestillingen min {order}? Jeg bestilte {ago}.",
                "Kan dere sjekke status på ordre {order}?",
                "Jeg bestilte {product} {ago} og har ikke hørt noe siden. Er den sendt?",
                "er ordren min sendt? ordrenummer {order}",
                "Hvordan sporer jeg pakken min?",
            ),
        ),
        "delivery_delay": (
            ("Forsinket levering",),
            (
                "Pakken skulle komme {ago}, men den har fortsatt ikke kommet.",
                "Sporingen sier levert, men jeg har ikke fått noen pakke ({order}).",
                "Hvorfor står sendingen min fast hos transportøren?",
            ),
        ),
        "cancel_order": (
            ("Kanseller ordre {order}", "Kansellering"),
            (
                "Jeg vil kansellere ordre {order}, jeg valgte feil størrelse.",
                "Kan jeg fortsatt avbestille en ordre jeg la inn {ago}?",
                "Jeg har angret på {product}. Hvordan avbestiller jeg?",
            ),
        ),
        "change_address": (
            ("Endre leveringsadresse",),
            (
                "Jeg skrev feil adresse på {order}. Kan dere endre den?",
                "Hvordan endrer jeg adressen på en ordre som ikke er sendt?",
                "Jeg flytter neste uke, kan pakken sendes til den nye adressen min?",
            ),
        ),
        "return_item": (
            ("Retur", "Returnere {product}"),
            (
                "Hvordan returnerer jeg {product}? Den passer ikke.",
                "Jeg vil sende tilbake deler av ordre {order}. Får jeg returlapp?",
                "Hva er returreglene deres? Jeg kjøpte noe {ago}.",
                "Kan jeg returnere en vare selv om esken er åpnet?",
            ),
        ),
        "refund_status": (
            ("Refusjon mangler", "Hvor er pengene mine?"),
            (
                "Jeg returnerte ordren {ago}, men har ikke fått pengene tilbake.",
                "Når får jeg refusjon for {order}?",
                "Refusjonen på {amount} har ikke kommet inn på kortet ennå.",
            ),
        ),
        "damaged_item": (
            ("Ødelagt vare",),
            (
                "{product} var ødelagt da den kom, esken var helt knust.",
                "Varen i ordre {order} er skadet, hva gjør jeg?",
                "Jeg fikk en sprukket {product} og vil ha en ny.",
            ),
        ),
        "wrong_item": (
            ("Feil vare",),
            (
                "Jeg fikk feil vare i ordre {order}, jeg bestilte {product}.",
                "Dere sendte feil størrelse. Hvordan får jeg riktig?",
                "Pakken inneholdt noen andres bestilling.",
            ),
        ),
        "shipping_cost": (
            ("Fraktkostnader",),
            (
                "Hva koster frakt for en ordre på {amount}?",
                "Sender dere til Sverige, og hva koster det?",
                "Har dere gratis frakt over et visst beløp?",
            ),
        ),
        "reset_password": (
            ("Tilbakestill passord", "Glemt passord"),
            (
                "Jeg har glemt passordet mitt. Hvordan tilbakestiller jeg det?",
                "E-posten for å tilbakestille passordet kommer aldri, har sjekket søppelpost.",
                "Lenken for nytt passord sier at den er utløpt.",
                "hvordan bytter jeg passord",
            ),
        ),
        "login_problem": (
            ("Får ikke logget inn",),
            (
                "Jeg får ikke logget inn, det står feil brukernavn eller passord.",
                "Kontoen min er låst etter for mange forsøk. Kan dere låse den opp?",
                "Appen på {device} logger meg ut hele tiden.",
                "har ikke kommet inn på kontoen på flere dager",
            ),
        ),
        "change_email": (
            ("Endre e-postadresse",),
            (
                "Hvordan endrer jeg e-postadressen på kontoen min?",
                "Jeg har ikke lenger tilgang til {email}. Kan jeg bytte e-post?",
            ),
        ),
        "delete_account": (
            ("Slett kontoen min",),
            (
                "Vennligst slett kontoen min og alle dataene mine.",
                "Hvordan avslutter jeg kontoen for godt?",
            ),
        ),
        "two_factor": (
            ("Problemer med tofaktor",),
            (
                "Jeg har mistet telefonen og får ikke koden for tofaktorautentisering.",
                "Bekreftelseskoden blir alltid avvist.",
                "Jeg får ingen SMS med koden.",
            ),
        ),
        "update_payment": (
            ("Oppdatere betalingsmåte",),
            (
                "Hvordan oppdaterer jeg kortopplysningene mine?",
                "{card} har utløpt. Hvor legger jeg inn det nye kortet?",
                "Kan jeg betale med Vipps?",
            ),
        ),
        "payment_declined": (
            ("Betalingen ble avvist",),
            (
                "Betalingen min blir avvist selv om kortet fungerer andre steder.",
                "Hvorfor ble {card} avvist i kassen?",
                "Jeg har prøvd å betale {amount} tre ganger uten å lykkes.",
            ),
        ),
        "double_charged": (
            ("Trukket to ganger",),
            (
                "Jeg har blitt belastet to ganger for samme ordre ({order}).",
                "Det er to trekk på {amount} på kontoutskriften min.",
            ),
        ),
        "invoice_request": (
            ("Faktura", "Trenger kvittering"),
            (
                "Kan dere sende meg en faktura for siste betaling?",
                "Jeg trenger en kvittering med organisasjonsnummeret vårt.",
                "Send faktura {invoice} på nytt, jeg finner den ikke.",
            ),
        ),
        "cancel_subscription": (
            ("Si opp abonnement",),
            (
                "Hvordan sier jeg opp {plan}-abonnementet mitt?",
                "Jeg vil avslutte abonnementet før det fornyes.",
                "Avslutt planen min, jeg vil ikke bli belastet igjen.",
            ),
        ),
        "pricing": (
            ("Spørsmål om pris",),
            (
                "Hva er forskjellen på {plan} og planen jeg har nå?",
                "Hva koster det å oppgradere til {plan}?",
                "Gir dere rabatt ved årlig betaling?",
            ),
        ),
        "promo_code": (
            ("Rabattkoden virker ikke",),
            (
                "Rabattkoden {code} virker ikke i kassen.",
                "Jeg glemte å legge inn koden {code}. Kan dere gi rabatten i etterkant?",
            ),
        ),
        "gift_card": (
            ("Gavekort",),
            (
                "Hvordan bruker jeg et gavekort i nettbutikken?",
                "Gavekortet mitt viser null i saldo, men jeg har aldri brukt det.",
                "Utløper gavekort?",
            ),
        ),
        "app_crash": (
            ("Appen krasjer",),
            (
                "Appen krasjer hver gang jeg åpner den på {device}.",
                "Etter oppdateringen til {version} lukker appen seg når jeg åpner handlekurven.",
                "appen henger hele tiden!!",
            ),
        ),
        "sync_issue": (
            ("Synkronisering virker ikke",),
            (
                "Endringene jeg gjør på {device} vises ikke i nettversjonen.",
                "Kalenderintegrasjonen sluttet å synkronisere {ago}.",
            ),
        ),
        "export_data": (
            ("Eksportere data",),
            (
                "Hvordan eksporterer jeg alle dataene mine til CSV?",
                "Eksportknappen gir meg en tom fil.",
            ),
        ),
        "api_access": (
            ("API-nøkkel",),
            (
                "Hvor finner jeg API-nøkkelen min?",
                "Vi treffer API-grensen hele tiden, kan den økes for kontoen vår?",
            ),
        ),
        "notifications": (
            ("For mange e-poster",),
            (
                "Hvordan slutter jeg å få så mange e-poster fra dere?",
                "Jeg har meldt meg av, men får fortsatt nyhetsbrevet.",
            ),
        ),
        "gdpr_request": (
            ("Innsyn i personopplysninger",),
            (
                "I henhold til GDPR ber jeg om innsyn i alle personopplysninger dere har om meg.",
                "Hvilke opplysninger lagrer dere om meg, og hvor lenge?",
            ),
        ),
        "warranty_claim": (
            ("Garantisak", "Reklamasjon på {product}"),
            (
                "{product} sluttet å virke etter åtte måneder. Dekkes det av garantien?",
                "Hvordan sender jeg inn en reklamasjon?",
                "Trenger jeg originalkvitteringen for å reklamere?",
            ),
        ),
        "feature_request": (
            ("Forslag",),
            (
                "Det hadde vært fint om dere la til mørk modus.",
                "Kan dere legge til mulighet for ukentlige rapporter?",
            ),
        ),
    },
    human_request=(
        "Kan jeg snakke med et menneske?",
        "Jeg vil snakke med en ekte person.",
        "Sett meg over til kundeservice.",
        "Dette hjelper ikke, finnes det noen jeg kan chatte med?",
    ),
    fallback=(
        "Beklager, jeg har ikke noe svar på det ennå. Vil du at jeg setter deg over til en "
        "kollega?",
        "Jeg forsto ikke helt. Kan du formulere spørsmålet på en annen måte?",
        "Jeg fant ingenting om det i hjelpesenteret vårt.",
    ),
    ai_answer=(
        "Det kan jeg hjelpe med! Veiledningen \u00ab{title}\u00bb forklarer stegene.",
        "Her er det jeg fant: \u00ab{title}\u00bb. Svarer det på spørsmålet ditt?",
        "Denne artikkelen burde hjelpe: \u00ab{title}\u00bb.",
    ),
    ai_action={
        "lookup_order": (
            "Jeg har sjekket ordre {order}: den ble sendt {ago} og bør komme "
            "innen 2\u20133 virkedager.",
        ),
        "cancel_order": (
            "Ferdig \u2013 ordre {order} er kansellert. Du får en bekreftelse på e-post.",
        ),
        "update_address": ("Jeg har oppdatert leveringsadressen på ordre {order}.",),
        "create_return": (
            "Jeg har opprettet en retur for ordre {order}. Returlappen er sendt til e-posten din.",
        ),
        "check_refund": (
            "Refusjonen på {amount} ble utbetalt {ago}. Det kan ta 3\u20135 "
            "virkedager før den vises.",
        ),
        "reset_password": (
            "Jeg har sendt en lenke for å tilbakestille passordet til e-posten din.",
        ),
        "send_invoice": ("Jeg har sendt faktura {invoice} til e-postadressen på kontoen din.",),
        "cancel_subscription": (
            "{plan}-abonnementet ditt er sagt opp og avsluttes ved slutten av perioden.",
        ),
    },
    rep_first=(
        "Hei! Takk for at du tok kontakt. Jeg ser på dette nå.",
        "Hei, takk for meldingen. Kan du sende ordrenummeret og et skjermbilde?",
        "Hei! Beklager bryderiet, jeg har sjekket kontoen din.",
    ),
    rep_follow=(
        "Takk for informasjonen. Jeg har endret det hos oss \u2013 virker det nå?",
        "Jeg har sendt saken videre til spesialistene våre og kommer tilbake til deg.",
        "Hei igjen, fikk du prøvd stegene jeg sendte?",
    ),
    rep_resolve=(
        "Så bra at det løste seg! Jeg lukker saken, men bare svar hvis noe dukker opp.",
        "Nå skal alt være fikset. Ha en fin dag!",
    ),
    more_info=(
        "Her er skjermbildet.",
        "Ordrenummeret er {order}.",
        "Jeg prøvde, men det virker fortsatt ikke.",
    ),
    still_broken=(
        "Beklager, problemet er tilbake.",
        "Det virket en dag, men nå er det ødelagt igjen.",
    ),
    thanks=("Takk, nå virker det!", "Perfekt, tusen takk.", "Supert, takk!"),
    system_ack=("Vi har mottatt henvendelsen din og svarer så snart vi kan.",),
    system_transfer=("Vi setter deg over til en rådgiver\u2026",),
    system_offline=(
        "Alle rådgiverne våre er opptatt akkurat nå. Vi svarer på e-post så snart vi kan.",
    ),
    comments={
        "positive": ("Rask og hyggelig hjelp!", "Veldig god service."),
        "neutral": ("Greit nok, men det tok tid.",),
        "negative": ("Det tok altfor lang tid.", "Fortsatt ikke løst."),
    },
)
