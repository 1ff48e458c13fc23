"""Finnish phrasings."""

from supportlens.generate.phrasings.pack import LanguagePack

PACK = LanguagePack(
    code="fi",
    greetings=("", "", "Hei!", "Hei,", "Moi,", "Moikka!", "Hyvää huomenta,"),
    closings=("", "", "Kiitos!", "Kiitos etukäteen.", "Terveisin", "Odotan vastaustanne."),
    slots={
        "ago": (
            "kolme päivää sitten",
            "viime viikolla",
            "kaksi viikkoa sitten",
            "maanantaina",
            "eilen",
            "yli viikko sitten",
            "viime kuussa",
        ),
        "amount": ("49,90 €", "129 €", "19,90 €", "350 €", "74,50 €"),
    },
    intents={
        "order_status": (
            ("Missä tilaukseni on?", "Tilauksen {order} tila"),
            (
                "Missä tilaukseni {order} on? Tilasin sen {ago}.",
                "Voitteko tarkistaa tilauksen {order} tilan?",
                "Tilasin tuotteen {product} {ago}, enkä ole kuullut mitään. Onko se lähetetty?",
                "onko tilaukseni jo lähetetty? tilausnumero {order}",
                "Miten voin seurata pakettiani?",
            ),
        ),
        "delivery_delay": (
            ("Myöhästynyt toimitus",),
            (
                "Pakettini piti tulla {ago}, mutta sitä ei ole vieläkään kuulunut.",
                "Seurannan mukaan paketti on toimitettu, mutta en ole saanut sitä ({order}).",
                "Miksi lähetykseni on jumissa kuljetusliikkeellä?",
            ),
        ),
        "cancel_order": (
            ("Tilauksen peruutus", "Peruuta tilaus {order}"),
            (
                "Haluan peruuttaa tilauksen {order}, valitsin väärän koon.",
                "Voinko vielä perua tilauksen, jonka tein {ago}?",
                "Muutin mieleni tuotteesta {product}. Miten peruutan tilauksen?",
            ),
        ),
        "change_address": (
            ("Toimitusosoitteen muutos",),
            (
                "Kirjoitin väärän toimitusosoitteen tilaukseen {order}. Voitteko korjata sen?",
                "Miten muutan osoitetta tilaukseen, jota ei ole vielä lähetetty?",
                "Muutan ensi viikolla, voiko paketin lähettää uuteen osoitteeseen?",
            ),
        ),
        "return_item": (
            ("Palautus", "Tuotteen {product} palautus"),
            (
                "Miten palautan tuotteen {product}? Se ei sopinut.",
                "Haluan palauttaa osan tilauksesta {order}. Saanko palautuslapun?",
                "Mitkä ovat palautusehtonne? Ostin tuotteen {ago}.",
                "Voinko palauttaa tuotteen, jos pakkaus on jo avattu?",
            ),
        ),
        "refund_status": (
            ("Hyvitystä ei ole tullut", "Missä rahani ovat?"),
            (
                "Palautin tilauksen {ago}, mutta en ole saanut rahoja takaisin.",
                "Milloin saan hyvityksen tilauksesta {order}?",
                "{amount} hyvitys ei ole vielä näkynyt tililläni.",
            ),
        ),
        "damaged_item": (
            ("Rikkinäinen tuote",),
            (
                "Tuote {product} oli rikki, kun se saapui. Laatikko oli ruttuinen.",
                "Tilauksen {order} tuote on vaurioitunut, mitä teen?",
                "Sain haljenneen tuotteen ja haluaisin uuden tilalle.",
            ),
        ),
        "wrong_item": (
            ("Väärä tuote",),
            (
                "Sain väärän tuotteen tilauksessa {order}. Tilasin tuotteen {product}.",
                "Lähetitte väärän koon. Miten saan oikean?",
                "Paketissa oli jonkun toisen tilaus.",
            ),
        ),
        "shipping_cost": (
            ("Toimituskulut",),
            (
                "Paljonko toimitus maksaa {amount} tilaukselle?",
                "Toimitatteko Ruotsiin ja mitä se maksaa?",
                "Onko teillä ilmainen toimitus tietyn summan yli?",
            ),
        ),
        "reset_password": (
            ("Salasanan palautus", "Unohtunut salasana"),
            (
                "Unohdin salasanani. Miten voin vaihtaa sen?",
                "Salasanan palautusviesti ei tule perille, katsoin myös roskapostin.",
                "Salasanan vaihtolinkki sanoo, että se on vanhentunut.",
                "miten vaihdan salasanan",
            ),
        ),
        "login_problem": (
            ("En pääse kirjautumaan",),
            (
                "En pääse kirjautumaan tililleni, vaikka salasana on oikein.",
                "Tilini lukittui liian monen yrityksen jälkeen. Voitteko avata sen?",
                "Sovellus kirjaa minut ulos jatkuvasti ({device}).",
                "en ole päässyt sisään moneen päivään",
            ),
        ),
        "change_email": (
            ("Sähköpostiosoitteen vaihto",),
            (
                "Miten vaihdan tilini sähköpostiosoitteen?",
                "Minulla ei ole enää pääsyä osoitteeseen {email}. Voinko vaihtaa sen?",
            ),
        ),
        "delete_account": (
            ("Poista tilini",),
            ("Poistakaa tilini ja kaikki tietoni.", "Miten suljen tilini pysyvästi?"),
        ),
        "two_factor": (
            ("Kaksivaiheinen tunnistus ei toimi",),
            (
                "Kadotin puhelimeni enkä saa kaksivaiheisen tunnistuksen koodia.",
                "Vahvistuskoodi hylätään aina.",
                "En saa tekstiviestiä, jossa on koodi.",
            ),
        ),
        "update_payment": (
            ("Maksutavan päivitys",),
            (
                "Miten päivitän korttitietoni?",
                "Korttini ({card}) vanheni. Mihin lisään uuden kortin?",
                "Voinko maksaa MobilePaylla?",
            ),
        ),
        "payment_declined": (
            ("Maksu hylättiin",),
            (
                "Maksuni hylätään, vaikka kortti toimii muualla.",
                "Miksi korttini ({card}) hylättiin kassalla?",
                "Yritin maksaa {amount} kolme kertaa, eikä se onnistunut.",
            ),
        ),
        "double_charged": (
            ("Veloitettu kahdesti",),
            (
                "Minua veloitettiin kahdesti samasta tilauksesta ({order}).",
                "Tiliotteessani on kaksi {amount} veloitusta.",
            ),
        ),
        "invoice_request": (
            ("Laskupyyntö", "Tarvitsen kuitin"),
            (
                "Voitteko lähettää laskun viimeisimmästä maksusta?",
                "Tarvitsen kuitin, jossa on yrityksemme Y-tunnus.",
                "Lähettäkää lasku {invoice} uudelleen, en löydä sitä.",
            ),
        ),
        "cancel_subscription": (
            ("Tilauksen irtisanominen",),
            (
                "Miten irtisanon {plan}-tilaukseni?",
                "Haluan lopettaa tilauksen ennen kuin se uusiutuu.",
                "Lopettakaa tilaukseni, en halua uutta veloitusta.",
            ),
        ),
        "pricing": (
            ("Kysymys hinnoista",),
            (
                "Mikä ero on {plan}-paketilla ja nykyisellä paketillani?",
                "Paljonko maksaa päivittää {plan}-pakettiin?",
                "Saako vuosilaskutuksesta alennusta?",
            ),
        ),
        "promo_code": (
            ("Alennuskoodi ei toimi",),
            (
                "Alennuskoodi {code} ei toimi kassalla.",
                "Unohdin syöttää koodin {code}. Voitteko hyvittää alennuksen jälkikäteen?",
            ),
        ),
        "gift_card": (
            ("Lahjakortti",),
            (
                "Miten käytän lahjakorttia verkkokaupassa?",
                "Lahjakortin saldo on nolla, vaikka en ole käyttänyt sitä.",
                "Vanhenevatko lahjakortit?",
            ),
        ),
        "app_crash": (
            ("Sovellus kaatuu",),
            (
                "Sovellus kaatuu aina, kun avaan sen ({device}).",
                "Päivityksen {version} jälkeen sovellus sulkeutuu, kun painan ostoskoria.",
                "sovellus jumittaa koko ajan!!",
            ),
        ),
        "sync_issue": (
            ("Synkronointi ei toimi",),
            (
                "Muutokset, jotka teen laitteella {device}, eivät näy selainversiossa.",
                "Kalenteri-integraatio lakkasi synkronoimasta {ago}.",
            ),
        ),
        "export_data": (
            ("Tietojen vienti",),
            ("Miten vien kaikki tietoni CSV-tiedostoon?", "Vientipainike antaa tyhjän tiedoston."),
        ),
        "api_access": (
            ("API-avain",),
            (
                "Mistä löydän API-avaimeni?",
                "Osumme jatkuvasti API-rajaan, voiko sitä nostaa tilillemme?",
            ),
        ),
        "notifications": (
            ("Liikaa sähköposteja",),
            (
                "Miten saan lopetettua kaikki nämä ilmoitussähköpostit?",
                "Peruin tilauksen, mutta saan edelleen uutiskirjeenne.",
            ),
        ),
        "gdpr_request": (
            ("Tietopyyntö",),
            (
                "GDPR:n perusteella pyydän kopion kaikista henkilötiedoistani.",
                "Mitä henkilötietoja säilytätte minusta ja kuinka kauan?",
            ),
        ),
        "warranty_claim": (
            ("Takuuasia", "Takuu tuotteelle {product}"),
            (
                "{product} lakkasi toimimasta kahdeksan kuukauden jälkeen. Kattaako takuu sen?",
                "Miten teen takuuvaatimuksen?",
                "Tarvitsenko alkuperäisen kuitin takuukorjaukseen?",
            ),
        ),
        "feature_request": (
            ("Ehdotus",),
            (
                "Olisi hienoa, jos lisäisitte tumman tilan.",
                "Voisitteko lisätä mahdollisuuden ajastaa raportit viikoittain?",
            ),
        ),
    },
    human_request=(
        "Voinko puhua ihmisen kanssa?",
        "Haluan puhua oikean ihmisen kanssa.",
        "Yhdistä minut asiakaspalveluun.",
        "Tämä ei auta, onko joku jonka kanssa voin chattailla?",
    ),
    fallback=(
        "Valitettavasti minulla ei ole vielä vastausta tähän. Haluatko, että yhdistän "
        "sinut kollegalle?",
        "En aivan ymmärtänyt. Voisitko muotoilla kysymyksen toisin?",
        "En löytänyt tästä mitään ohjekeskuksestamme.",
    ),
    ai_answer=(
        "Autan mielelläni! Ohje \u201d{title}\u201d kertoo vaiheet.",
        "Löysin tämän: \u201d{title}\u201d. Vastaako se kysymykseesi?",
        "Tästä artikkelista pitäisi olla apua: \u201d{title}\u201d.",
    ),
    ai_action={
        "lookup_order": (
            "Tarkistin tilauksen {order}: se lähetettiin {ago}, ja sen pitäisi "
            "saapua 2\u20133 arkipäivässä.",
        ),
        "cancel_order": (
            "Valmista \u2013 tilaus {order} on peruttu. Saat vahvistuksen sähköpostiisi.",
        ),
        "update_address": ("Päivitin tilauksen {order} toimitusosoitteen.",),
        "create_return": (
            "Loin palautuksen tilaukselle {order}. Palautuslappu on lähetetty sähköpostiisi.",
        ),
        "check_refund": (
            "{amount} hyvitys maksettiin {ago}. Sen näkymiseen tilillä voi mennä "
            "3\u20135 pankkipäivää.",
        ),
        "reset_password": (
            "Lähetin salasanan palautuslinkin sähköpostiisi. Se on voimassa 24 tuntia.",
        ),
        "send_invoice": ("Lähetin laskun {invoice} tilisi sähköpostiosoitteeseen.",),
        "cancel_subscription": (
            "{plan}-tilauksesi on irtisanottu ja päättyy kuluvan jakson lopussa.",
        ),
    },
    rep_first=(
        "Hei! Kiitos yhteydenotostasi. Selvitän asiaa nyt.",
        "Hei, kiitos viestistäsi. Voisitko lähettää tilausnumeron ja kuvakaappauksen?",
        "Hei! Pahoittelut vaivasta, tarkistin tilisi tiedot.",
    ),
    rep_follow=(
        "Kiitos tiedoista. Tein muutoksen meidän päässämme \u2013 toimiiko nyt?",
        "Välitin asian asiantuntijoillemme ja palaan asiaan pian.",
        "Hei taas, ehditkö kokeilla lähettämiäni ohjeita?",
    ),
    rep_resolve=(
        "Hienoa, että asia ratkesi! Suljen tiketin, mutta vastaa vain, jos jotain ilmenee.",
        "Nyt kaiken pitäisi olla kunnossa. Mukavaa päivänjatkoa!",
    ),
    more_info=(
        "Tässä kuvakaappaus.",
        "Tilausnumero on {order}.",
        "Kokeilin, mutta se ei vieläkään toimi.",
    ),
    still_broken=("Valitettavasti ongelma on palannut.", "Toimi päivän, mutta nyt on taas rikki."),
    thanks=("Kiitos, nyt toimii!", "Loistavaa, kiitos paljon.", "Kiitos!"),
    system_ack=("Olemme vastaanottaneet viestisi ja vastaamme mahdollisimman pian.",),
    system_transfer=("Yhdistämme sinut asiakaspalvelijalle\u2026",),
    system_offline=(
        "Kaikki asiakaspalvelijamme ovat juuri nyt varattuja. Vastaamme "
        "sähköpostitse mahdollisimman pian.",
    ),
    comments={
        "positive": ("Nopeaa ja ystävällistä palvelua!", "Ongelma ratkesi heti."),
        "neutral": ("Ihan ok, mutta kesti hetken.",),
        "negative": ("Vastaus kesti aivan liian kauan.", "Ei vieläkään ratkaistu."),
    },
)
