"""Swedish phrasings."""

from supportlens.generate.phrasings.pack import LanguagePack

PACK = LanguagePack(
    code="sv",
    greetings=("", "", "Hej!", "Hej,", "Hejsan,", "Hallå,", "God morgon,", "Tja,"),
    closings=("", "", "Tack!", "Tack på förhand.", "Mvh", "Hälsningar", "Tacksam för svar."),
    slots={
        "ago": (
            "för tre dagar sedan",
            "förra veckan",
            "för två veckor sedan",
            "i måndags",
            "igår",
            "för över en vecka sedan",
            "förra månaden",
        ),
        "amount": ("499 kr", "1 299 kr", "89 kr", "249 kr", "3 450 kr"),
    },
    intents={
        "order_status": (
            ("Var är min beställning?", "Orderstatus {order}"),
            (
                "Var är min beställning {order}? Jag beställde {ago}.",
                "Kan ni kolla statusen på order {order}?",
                "Jag beställde {product} {ago} och har inte hört något sedan dess. Är den skickad?",
                "har min order skickats än? ordernummer {order}",
                "Hur spårar jag mitt paket? Hittar ingen spårningslänk.",
            ),
        ),
        "delivery_delay": (
            ("Försenad leverans", "Paketet har inte kommit"),
            (
                "Mitt paket skulle ha kommit {ago} men det har fortfarande inte dykt upp.",
                "Spårningen säger levererat men jag har inte fått något paket ({order}).",
                "Varför står min försändelse still hos transportören?",
                "leveransen av {order} är sen, vad händer?",
            ),
        ),
        "cancel_order": (
            ("Avbeställ order {order}", "Avbeställning"),
            (
                "Jag vill avbeställa min order {order}, jag valde fel storlek.",
                "Går det fortfarande att avbryta en beställning jag gjorde {ago}?",
                "Jag har ångrat mig om {product}. Hur avbeställer jag?",
                "avbeställ {order} tack",
            ),
        ),
        "change_address": (
            ("Ändra leveransadress", "Fel adress på order {order}"),
            (
                "Jag skrev fel leveransadress på {order}. Kan ni ändra den?",
                "Hur ändrar jag adressen på en order som inte har skickats än?",
                "Jag flyttar nästa vecka, kan paketet skickas till min nya adress istället?",
                "stavfel i adressen på order {order}",
            ),
        ),
        "return_item": (
            ("Retur", "Returnera {product}"),
            (
                "Hur returnerar jag {product}? Den passar inte.",
                "Jag vill skicka tillbaka en del av order {order}. Får jag en retursedel?",
                "Vilka regler gäller för retur? Jag köpte något {ago}.",
                "Kan jag returnera en vara även om kartongen är öppnad?",
            ),
        ),
        "refund_status": (
            ("Återbetalning saknas", "Var är min återbetalning?"),
            (
                "Jag returnerade min order {ago} men har inte fått pengarna tillbaka.",
                "När får jag tillbaka pengarna för {order}?",
                "Återbetalningen på {amount} har inte kommit in på mitt {card} ännu.",
                "Återbetalningen skulle vara godkänd men inget har kommit. Hur lång tid tar det?",
            ),
        ),
        "damaged_item": (
            ("Trasig vara", "{product} kom sönder"),
            (
                "Min {product} var trasig när den kom, kartongen var helt mosad.",
                "Varan i order {order} är skadad, vad gör jag nu?",
                "Jag fick en sprucken {product} och vill ha en ny.",
                "{product} kom repad och går inte att starta",
            ),
        ),
        "wrong_item": (
            ("Fel vara", "Fick fel produkt ({order})"),
            (
                "Jag fick fel vara i order {order}, jag beställde {product}.",
                "Ni skickade fel storlek och färg. Hur får jag rätt?",
                "Paketet innehöll någon annans beställning.",
            ),
        ),
        "shipping_cost": (
            ("Fraktkostnad", "Skickar ni utomlands?"),
            (
                "Vad kostar frakten för en order på {amount}?",
                "Skickar ni till Norge och vad kostar det?",
                "Har ni fri frakt över ett visst belopp?",
                "Varför fick jag betala {amount} i frakt?",
            ),
        ),
        "reset_password": (
            ("Återställ lösenord", "Glömt lösenordet"),
            (
                "Jag har glömt mitt lösenord. Hur återställer jag det?",
                "Mejlet för att återställa lösenordet kommer aldrig fram, har kollat skräpposten.",
                "Länken för nytt lösenord säger att den har gått ut.",
                "Kan ni skicka en länk för att byta lösenord till {email}?",
                "hur byter jag lösenord",
            ),
        ),
        "login_problem": (
            ("Kan inte logga in", "Inloggningen fungerar inte"),
            (
                "Jag kan inte logga in, det står fel uppgifter fast lösenordet är rätt.",
                "Mitt konto är låst efter för många försök. Kan ni låsa upp det?",
                "Appen på min {device} loggar ut mig hela tiden.",
                "har inte kommit in på kontot på flera dagar",
            ),
        ),
        "change_email": (
            ("Byta e-postadress",),
            (
                "Hur ändrar jag e-postadressen på mitt konto?",
                "Jag har inte längre tillgång till {email}. Kan jag byta mejladress?",
                "Var ändrar jag min kontaktadress?",
            ),
        ),
        "delete_account": (
            ("Radera mitt konto", "Avsluta konto"),
            (
                "Radera mitt konto och all min data, tack.",
                "Hur avslutar jag mitt konto för gott?",
                "Jag använder inte tjänsten längre och vill ta bort min profil.",
            ),
        ),
        "two_factor": (
            ("Problem med tvåstegsverifiering",),
            (
                "Jag har tappat min telefon och får inte fram koden för tvåstegsverifiering.",
                "Verifieringskoden godkänns aldrig.",
                "Hur slår jag på tvåfaktorsautentisering?",
                "Jag får inget sms med koden.",
            ),
        ),
        "update_payment": (
            ("Uppdatera betalsätt", "Nytt kort"),
            (
                "Hur uppdaterar jag mina kortuppgifter?",
                "Mitt {card} har gått ut. Var lägger jag in det nya kortet?",
                "Kan jag betala mot faktura istället för med kort?",
                "Går det att betala med Swish?",
            ),
        ),
        "payment_declined": (
            ("Betalningen nekades",),
            (
                "Min betalning nekas hela tiden fast kortet fungerar överallt annars.",
                "Varför godkändes inte mitt {card} i kassan?",
                "Jag har försökt betala {amount} tre gånger och det misslyckas varje gång.",
            ),
        ),
        "double_charged": (
            ("Dubbeldragning", "Debiterad två gånger"),
            (
                "Jag har blivit debiterad två gånger för samma order ({order}).",
                "Det finns två dragningar på {amount} på mitt kontoutdrag.",
                "Ni har dragit pengar två gånger för mitt {plan}-abonnemang den här månaden.",
            ),
        ),
        "invoice_request": (
            ("Faktura", "Kvitto behövs"),
            (
                "Kan ni skicka en faktura på min senaste betalning?",
                "Jag behöver ett kvitto med vårt organisationsnummer på.",
                "Var laddar jag ner mina fakturor?",
                "Skicka faktura {invoice} igen, jag hittar den inte.",
            ),
        ),
        "cancel_subscription": (
            ("Säga upp abonnemang",),
            (
                "Hur säger jag upp mitt {plan}-abonnemang?",
                "Jag vill avsluta prenumerationen innan den förnyas.",
                "Avsluta min plan, jag vill inte bli debiterad igen.",
                "Kostar det något att säga upp {plan} i förtid?",
            ),
        ),
        "pricing": (
            ("Fråga om priser", "Uppgradera till {plan}"),
            (
                "Vad är skillnaden mellan {plan} och planen jag har nu?",
                "Vad kostar det att uppgradera till {plan}?",
                "Har ni rabatt vid årsbetalning?",
                "Vad kostar {plan} för 25 användare?",
            ),
        ),
        "promo_code": (
            ("Rabattkoden fungerar inte",),
            (
                "Rabattkoden {code} fungerar inte i kassan.",
                "Jag glömde lägga in koden {code}. Kan ni dra av rabatten i efterhand?",
                "Var skriver jag in en rabattkod?",
            ),
        ),
        "gift_card": (
            ("Presentkort",),
            (
                "Hur använder jag ett presentkort på hemsidan?",
                "Mitt presentkort visar noll i saldo men jag har aldrig använt det.",
                "Går presentkort ut?",
                "Kan man kombinera presentkort och rabattkod?",
            ),
        ),
        "app_crash": (
            ("Appen kraschar",),
            (
                "Appen kraschar varje gång jag öppnar den på min {device}.",
                "Sedan uppdateringen till {version} stängs appen när jag trycker på varukorgen.",
                "Jag får en vit skärm efter inloggning.",
                "appen hänger sig hela tiden!!",
            ),
        ),
        "sync_issue": (
            ("Synkningen fungerar inte",),
            (
                "Det jag ändrar på min {device} syns inte i webbversionen.",
                "Kalenderkopplingen slutade synka {ago}.",
                "Synkningen har stått på 'väntar' i flera dagar.",
            ),
        ),
        "export_data": (
            ("Exportera data",),
            (
                "Hur exporterar jag all min data till CSV?",
                "Kan jag ladda ner en säkerhetskopia av mitt konto?",
                "Exportknappen ger mig en tom fil.",
            ),
        ),
        "api_access": (
            ("API-nyckel",),
            (
                "Var hittar jag min API-nyckel?",
                "Vi slår i API-gränsen hela tiden, kan ni höja den för vårt konto?",
                "API:et svarar 401 fast vi har en ny token.",
            ),
        ),
        "notifications": (
            ("För många mejl", "Aviseringar"),
            (
                "Hur slutar jag få så många mejl från er?",
                "Jag har avregistrerat mig men får fortfarande nyhetsbrevet.",
                "Kan jag stänga av pushnotiser på min {device}?",
            ),
        ),
        "gdpr_request": (
            ("Begäran om registerutdrag",),
            (
                "Enligt GDPR vill jag ha ett utdrag av all personlig data ni har om mig.",
                "Vilka personuppgifter sparar ni om mig och hur länge?",
                "Vilka delar ni mina uppgifter med?",
            ),
        ),
        "warranty_claim": (
            ("Garantiärende", "Garanti på {product}"),
            (
                "Min {product} slutade fungera efter åtta månader. Gäller garantin?",
                "Hur gör jag ett garantianspråk?",
                "Behöver jag originalkvittot för en garantireparation?",
            ),
        ),
        "feature_request": (
            ("Förslag", "Önskad funktion"),
            (
                "Det vore toppen om ni lade till mörkt läge.",
                "Kan ni lägga till möjligheten att schemalägga rapporter varje vecka?",
                "Planerar ni att stödja Swish?",
            ),
        ),
    },
    human_request=(
        "Kan jag prata med en människa?",
        "Jag vill prata med en riktig person.",
        "Koppla mig till kundtjänst tack.",
        "handläggare tack",
        "Det här hjälper inte, finns det någon jag kan chatta med?",
    ),
    fallback=(
        "Tyvärr har jag inget svar på det ännu. Vill du att jag kopplar dig till en kollega?",
        "Jag förstod inte riktigt. Kan du formulera frågan på ett annat sätt?",
        "Jag hittade inget om det i vårt hjälpcenter.",
    ),
    ai_answer=(
        "Det kan jag hjälpa till med! Guiden \u201d{title}\u201d beskriver stegen.",
        "Här är vad jag hittade: \u201d{title}\u201d. Svarar det på din fråga?",
        "Den här artikeln borde hjälpa: \u201d{title}\u201d.",
    ),
    ai_action={
        "lookup_order": (
            "Jag har kollat order {order}: den skickades {ago} och bör komma fram "
            "inom 2\u20133 arbetsdagar.",
        ),
        "cancel_order": (
            "Klart \u2013 order {order} är avbeställd. Du får en bekräftelse via mejl.",
        ),
        "update_address": ("Jag har uppdaterat leveransadressen på order {order}.",),
        "create_return": (
            "Jag har skapat en retur för order {order}. Retursedeln har skickats till din e-post.",
        ),
        "check_refund": (
            "Din återbetalning på {amount} gjordes {ago}. Det kan ta 3\u20135 "
            "bankdagar innan den syns.",
        ),
        "reset_password": (
            "Jag har skickat en länk för att återställa lösenordet till din "
            "e-post. Den gäller i 24 timmar.",
        ),
        "send_invoice": ("Jag har skickat faktura {invoice} till e-postadressen på ditt konto.",),
        "cancel_subscription": (
            "Ditt {plan}-abonnemang är uppsagt och upphör när den nuvarande perioden tar slut.",
        ),
    },
    rep_first=(
        "Hej! Tack för att du hör av dig. Jag tittar på det här direkt.",
        "Hej, tack för ditt meddelande. Kan du skicka ordernumret och en skärmbild?",
        "Hej! Ledsen för besväret, jag har kollat ditt konto och ser vad som hänt.",
    ),
    rep_follow=(
        "Tack för informationen. Jag har ändrat det hos oss \u2013 fungerar det nu?",
        "Jag har skickat ärendet vidare till våra specialister och återkommer.",
        "Hej igen, hann du testa stegen jag skickade?",
    ),
    rep_resolve=(
        "Vad bra att det löste sig! Jag stänger ärendet, men svara bara om något dyker upp.",
        "Nu ska allt vara fixat. Ha en fin dag!",
        "Klart från vår sida. Hör av dig om du behöver något mer.",
    ),
    more_info=(
        "Här är skärmbilden.",
        "Ordernumret är {order}.",
        "Jag testade men det fungerar fortfarande inte.",
        "Min mejl är {email}.",
    ),
    still_broken=(
        "Tyvärr är problemet tillbaka.",
        "Det fungerade en dag men nu är det trasigt igen.",
        "Jag har fortfarande inte fått något, kan ni kolla igen?",
    ),
    thanks=("Tack, nu fungerar det!", "Perfekt, tack så mycket.", "Toppen, tack!", "tack!"),
    system_ack=("Vi har tagit emot ditt ärende och återkommer så snart vi kan.",),
    system_transfer=("Vi kopplar dig till en handläggare\u2026",),
    system_offline=(
        "Alla våra handläggare är upptagna just nu. Vi svarar via mejl så snart vi kan.",
    ),
    comments={
        "positive": ("Snabb och trevlig hjälp!", "Problemet löstes direkt.", "Mycket bra service."),
        "neutral": ("Okej, men det tog tid.", "Helt ok."),
        "negative": (
            "Det tog alldeles för lång tid.",
            "Fortfarande inte löst.",
            "Fick förklara samma sak flera gånger.",
        ),
    },
)
