"""(d) Press releases / news pages, 2021–2026 (fictional), Luleå and Boden templates.

Quotes are given to invented persons; Carina Sammeli and Claes Nordmark are only
named in facts taken from the real press release (their role, the signing).
"""


def lulea(file, date, title, ingress, blocks, dates, credits, slug, what, page_id):
    return dict(kind="html", template="lulea", file=file, date=date, title=title, ingress=ingress,
                blocks=blocks, dates=dates, credits=credits, slug=slug, what=what, page_id=page_id,
                municipality_label="Luleå kommun")


def boden(file, date, title, ingress, blocks, dates, credits, slug, what, updated=None):
    return dict(kind="html", template="boden", file=file, date=date, title=title, ingress=ingress,
                blocks=blocks, dates=dates, credits=credits, slug=slug, what=what, updated=updated,
                municipality_label="Bodens kommun")


DOCUMENTS = [
    lulea(
        "html/lulea-2021-10-19-bostadsforsorjningsprogram.html", "2021-10-19",
        "Nytt bostadsförsörjningsprogram: Luleå planerar för 6 000 nya bostäder",
        "Luleå behöver fler bostäder i snabbare takt. Enligt förslaget till nytt bostadsförsörjningsprogram "
        "ska kommunen ha planberedskap för minst 6 000 nya bostäder fram till 2030.",
        [
            ("p", "Befolkningen i Luleå växer igen, och de stora industrisatsningarna i regionen väntas öka "
                  "inflyttningen ytterligare. Samtidigt är bostadskön lång, särskilt för hyresrätter och för "
                  "unga som söker sin första bostad."),
            ("p", "Förslaget till bostadsförsörjningsprogram innehåller mål om att detaljplaner för minst 1 000 "
                  "bostäder ska vara klara varje år, att kommunen ska markanvisa till fler byggherrar och att "
                  "bostadsbyggandet ska spridas över fler stadsdelar, bland annat Kronandalen, Bergnäset, "
                  "Skurholmen och Porsön."),
            ("p", "– Vi behöver bygga bostäder för alla skeden i livet. Det handlar om studentbostäder, om "
                  "hyresrätter för dem som flyttar hit för att arbeta och om bostäder för äldre som vill lämna "
                  "villan, säger Göran Nilsson (S), ordförande i stadsbyggnadsnämnden."),
            ("h2", "Planberedskap och markanvisning"),
            ("ul", [
                "Detaljplaner för minst 1 000 bostäder per år fram till 2030.",
                "Markanvisningar med krav på blandade upplåtelseformer.",
                "Särskilda insatser för bostäder för studenter, unga och äldre.",
            ]),
            ("p", "Programmet behandlas av kommunstyrelsen i november och av kommunfullmäktige i december 2021."),
            ("contact", "Kontakt", ["Erik Lundmark, planchef", "Telefon: 0920-45 30 00",
                                     "E-post: kommun@lulea.se"]),
        ],
        [("Publicerad", "2021-10-19", "long")], ["Text: Jessica Öhman"],
        "2021-10-19-nytt-bostadsforsorjningsprogram",
        "Pressmeddelande: förslag till bostadsförsörjningsprogram, planberedskap för 6 000 nya bostäder",
        "5c6d7e8f17c3a1b2c3d4"),

    boden(
        "html/boden-2021-04-21-h2-green-steel-svartbyn.html", "2021-04-21",
        "Boden förbereder för H2 Green Steels etablering i Svartbyn",
        "H2 Green Steel planerar att bygga en anläggning för fossilfri stålproduktion i Svartbyn. Bodens kommun "
        "har startat arbetet med mark, infrastruktur och kompetensförsörjning inför etableringen.",
        [
            ("p", "Etableringen beräknas ge omkring 1 500 direkta arbetstillfällen och ännu fler hos "
                  "underleverantörer och inom service. För Boden är det den största industrisatsningen i "
                  "kommunens historia."),
            ("p", "Kommunen har bildat en intern arbetsgrupp med näringslivskontoret, "
                  "samhällsbyggnadsförvaltningen och utbildningsförvaltningen. Gruppen ska se till att detaljplan, "
                  "vägar, vatten och avlopp och anslutning till elnätet kan bli klara i tid."),
            ("p", "– Det här är en historisk möjlighet för Boden. Nu gäller det att vi som kommun är snabba och "
                  "tydliga, så att både företaget och alla nya invånare känner sig välkomna, säger Johanna "
                  "Sjölund, näringslivschef i Bodens kommun."),
            ("h2", "Små och medelstora företag"),
            ("p", "Näringslivskontoret bjuder in lokala företag till informationsträffar om hur de kan bli "
                  "leverantörer till bygget och till den färdiga anläggningen. Träffarna hålls även i Harads och "
                  "Gunnarsbyn för företag på landsbygden."),
        ],
        [("Publicerad", "2021-04-21", "iso")], ["Text: Kommunikationsenheten, Bodens kommun"],
        "2021-04-21-boden-forbereder-for-h2-green-steel",
        "Nyhet: Boden förbereder för H2 Green Steels etablering i Svartbyn (näringslivsutveckling)"),

    lulea(
        "html/lulea-2022-09-13-avsiktsforklaring-undertecknad.html", "2022-09-13",
        "Nu är avsiktsförklaringen om samverkan mellan Luleå och Boden undertecknad",
        "I dag undertecknades avsiktsförklaringen om samverkan mellan Luleå kommun och Bodens kommun. Den gäller "
        "från september 2022 till och med september 2026.",
        [
            ("p", "Avsiktsförklaringen undertecknades av kommunstyrelsens ordförande i Luleå, Carina Sammeli (S), "
                  "och kommunstyrelsens ordförande i Boden, Claes Nordmark (S). Kommunstyrelsen i Luleå "
                  "godkände avsiktsförklaringen den 20 juni och kommunstyrelsen i Boden den 22 augusti."),
            ("p", "Samverkan omfattar fyra prioriterade områden: kompetensförsörjning, leva och bo, infrastruktur "
                  "och näringslivsutveckling. Arbetet leds av en gemensam styrgrupp som träffas två gånger per år."),
            ("h2", "Första steg i samverkan"),
            ("ul", [
                "En gemensam analys av kompetensbehoven i arbetsmarknadsregionen.",
                "Ett gemensamt byggherremöte för att fler ska bygga bostäder i båda kommunerna.",
                "Samordnade yttranden om dubbelspår Luleå–Boden och om elförsörjning.",
                "Ett leverantörsprogram för små och medelstora företag.",
            ]),
            ("p", "– Nu går vi från ord till handling. Den första uppgiften är att komma i gång med de gemensamma "
                  "analyserna så att vi vet var insatserna gör mest nytta, säger Hanna Sjöberg, Luleå kommuns "
                  "samordnare för samverkan med Boden."),
        ],
        [("Publicerad", "2022-09-13", "long")], ["Text: Monika Aunes"],
        "2022-09-13-avsiktsforklaringen-med-boden-undertecknad",
        "Pressmeddelande: avsiktsförklaringen med Bodens kommun undertecknad",
        "6d7e8f9017c3a1b2c3d5"),

    boden(
        "html/boden-2022-09-13-avsiktsforklaring-undertecknad.html", "2022-09-13",
        "Boden och Luleå har undertecknat avsiktsförklaring om samverkan",
        "Bodens kommun och Luleå kommun ska samverka inom kompetensförsörjning, leva och bo, infrastruktur och "
        "näringslivsutveckling. Avsiktsförklaringen undertecknades i dag och gäller till och med september 2026.",
        [
            ("p", "Bakgrunden är den samhällsomställning som de stora industrisatsningarna i Norrbotten och "
                  "Västerbotten innebär. I Boden pågår förberedelserna för H2 Green Steels anläggning i Svartbyn, "
                  "och båda kommunerna behöver fler invånare, fler bostäder och mer kompetens."),
            ("p", "Kommunstyrelsen i Boden godkände avsiktsförklaringen den 22 augusti 2022. Den undertecknades "
                  "av kommunstyrelsens ordförande Claes Nordmark (S) och Carina Sammeli (S), kommunstyrelsens "
                  "ordförande i Luleå."),
            ("p", "– För oss är det viktigt att samverkan ger resultat som märks i vardagen, till exempel att det "
                  "blir enklare att pendla och att utbildningar i Luleå och Boden är öppna för invånare i båda "
                  "kommunerna, säger Ida Granlund, Bodens kommuns samordnare för samverkan med Luleå."),
            ("h2", "Så leds arbetet"),
            ("p", "En styrgrupp med kommunstyrelsens ordförande och kommundirektör från båda kommunerna träffas två "
                  "gånger per år. Samverkan följs upp varje höst."),
        ],
        [("Publicerad", "2022-09-13", "iso")], ["Foto: Bodens kommun"],
        "2022-09-13-boden-och-lulea-har-undertecknat-avsiktsforklaring",
        "Nyhet: Boden och Luleå har undertecknat avsiktsförklaring om samverkan"),

    lulea(
        "html/lulea-2023-04-20-yrkeshogskola-drifttekniker.html", "2023-04-20",
        "Luleå och Boden söker gemensam yrkeshögskoleutbildning för drifttekniker",
        "Industrin i regionen behöver hundratals nya drifttekniker. Nu ansöker Luleå kommun, tillsammans med "
        "Bodens kommun, om en ny yrkeshögskoleutbildning inom fossilfri processindustri.",
        [
            ("p", "Arbetsmarknadsnämnden beslutade den 19 april 2023 att ansöka hos Myndigheten för yrkeshögskolan "
                  "om utbildningen Drifttekniker inom fossilfri processindustri. Utbildningen är två år lång och har "
                  "35 platser per intag. Om ansökan beviljas startar den hösten 2024."),
            ("p", "Samtidigt har nämnden godkänt ett samverkansavtal med Bodens kommun om yrkesvux. Det innebär att "
                  "invånare i Luleå och Boden kan söka yrkesutbildningar i båda kommunerna."),
            ("p", "– Kompetensförsörjningen är en av de största frågorna för regionen. Genom att samordna våra "
                  "utbildningar kan vi erbjuda fler och bredare utbildningar än vad var och en av kommunerna klarar "
                  "själv, säger Lena Holmström (S), ordförande i arbetsmarknadsnämnden."),
            ("h2", "Det här ingår i samverkansavtalet"),
            ("ul", [
                "Luleå ansvarar för yrkesvux inom industriteknik och el.",
                "Boden ansvarar för bygg, anläggning och tunga fordon.",
                "Vård och omsorg erbjuds i båda kommunerna.",
            ]),
        ],
        [("Publicerad", "2023-04-20", "long"), ("Uppdaterat", "2023-04-21", "iso")], ["Text: Jessica Öhman"],
        "2023-04-20-yrkeshogskola-drifttekniker",
        "Pressmeddelande: gemensam ansökan om yrkeshögskoleutbildning och avtal om yrkesvux med Boden (kompetensförsörjning)",
        "7e8f901a17c3a1b2c3d6"),

    boden(
        "html/boden-2023-05-16-samrad-bostader-savast.html", "2023-05-16",
        "Samråd om ny detaljplan för 380 bostäder i Sävast",
        "Nu kan du tycka till om förslaget till detaljplan för nya bostäder i östra Sävast. Planen ger plats för "
        "cirka 380 bostäder, en förskola och en ny lekplats.",
        [
            ("p", "Förslaget innehåller flerbostadshus, radhus och villatomter. Syftet är att möta det ökade behovet "
                  "av bostäder när Boden växer i samband med etableringen i Svartbyn."),
            ("p", "Samrådet pågår från den 16 maj till den 13 juni 2023. Handlingarna finns på boden.se och i "
                  "Stadshusets reception. Den 24 maj hålls ett öppet möte i Sävastskolans matsal."),
            ("p", "– Vi vill att fler aktörer ska bygga bostäder i Boden och att nya områden ska bli trygga och "
                  "trivsamma att bo i. Därför är det viktigt att vi får in synpunkter från dem som bor i Sävast i "
                  "dag, säger Hans Lundqvist (S), ordförande i samhällsbyggnadsnämnden."),
            ("h2", "Så lämnar du synpunkter"),
            ("ul", [
                "Via e-post till samhallsbyggnad@boden.se, märk med diarienummer SBN 2022/0415.",
                "Med brev till Bodens kommun, Samhällsbyggnadsförvaltningen, 961 86 Boden.",
            ]),
        ],
        [("Publicerad", "2023-05-16", "long")], ["Text: Samhällsbyggnadsförvaltningen"],
        "2023-05-16-samrad-detaljplan-bostader-savast",
        "Nyhet: samråd om detaljplan för bostäder i Sävast (leva och bo)"),

    lulea(
        "html/lulea-2023-11-02-dubbelspar-lulea-boden.html", "2023-11-02",
        "Luleå och Boden: dubbelspår mellan städerna behöver in i nationell plan",
        "Luleå kommun och Bodens kommun driver gemensamt kravet på dubbelspår på järnvägen mellan Luleå och Boden. "
        "I dag presenterade kommunerna ett gemensamt underlag för Trafikverket och regeringen.",
        [
            ("p", "Järnvägen mellan Luleå och Boden är i dag enkelspårig. Godsflödena från gruv- och stålindustrin "
                  "väntas öka kraftigt när de nya industrierna kommer i gång, och samtidigt vill allt fler pendla "
                  "med tåg mellan orterna."),
            ("p", "Enligt kommunernas underlag skulle dubbelspår göra det möjligt med tåg var femtonde minut i "
                  "rusningstid och minska risken för störningar som i dag sprider sig i hela systemet. Underlaget "
                  "lyfter också kopplingen till Norrbotniabanan och behovet av en robust elförsörjning till "
                  "järnvägen."),
            ("p", "– Infrastrukturen avgör om regionen kan ta vara på de möjligheter som omställningen ger. Vi står "
                  "bakom detta tillsammans med Boden, och det ger oss en starkare röst nationellt, säger Mattias "
                  "Holmgren (S), kommunstyrelsens 1:e vice ordförande i Luleå."),
            ("h2", "Kommunernas krav"),
            ("ul", [
                "Dubbelspår Luleå–Boden prioriteras i nationell plan för transportinfrastruktur.",
                "Fler mötesspår och bättre kapacitet redan på kort sikt.",
                "Samordnad planering med Norrbotniabanan.",
            ]),
        ],
        [("Publicerad", "2023-11-02", "long")], ["Text: Monika Aunes"],
        "2023-11-02-dubbelspar-lulea-boden",
        "Pressmeddelande: gemensamt krav på dubbelspår Luleå–Boden (infrastruktur)",
        "8f901a2b17c3a1b2c3d7"),

    boden(
        "html/boden-2024-03-12-leverantorsprogram-smaforetag.html", "2024-03-12",
        "Nytt program ska hjälpa småföretag att bli leverantörer till den gröna industrin",
        "Bodens kommun och Luleå kommun startar ett gemensamt leverantörsprogram för små och medelstora företag. "
        "Programmet riktar sig även till företag på landsbygden.",
        [
            ("p", "De stora etableringarna i regionen behöver tjänster och produkter inom allt från bygg, el och "
                  "transporter till städning, mat och boende. Många lokala företag saknar dock erfarenhet av stora "
                  "upphandlingar och av de krav som industrin ställer."),
            ("p", "Programmet pågår under 2024 och 2025 och består av utbildning i upphandling, certifiering och "
                  "hållbarhetsredovisning, matchningsträffar med industrin och individuell rådgivning. Kostnaden "
                  "är 3,2 miljoner kronor, som delas mellan kommunerna och Region Norrbotten."),
            ("p", "– Vi vill att näringslivsutvecklingen ska komma hela kommunen till del. Ett åkeri i Gunnarsbyn "
                  "eller en cateringfirma i Harads ska ha samma chans som företagen i centrum, säger Johanna "
                  "Sjölund, näringslivschef i Bodens kommun."),
            ("h2", "Anmälan"),
            ("p", "Anmälan till första omgången är öppen till den 5 april 2024. Programmet är kostnadsfritt för "
                  "deltagande företag."),
        ],
        [("Publicerad", "2024-03-12", "long")], ["Text: Näringslivskontoret"],
        "2024-03-12-leverantorsprogram-for-smaforetag",
        "Nyhet: gemensamt leverantörsprogram för små och medelstora företag (näringslivsutveckling, landsbygd)",
        updated="2024-03-14"),

    lulea(
        "html/lulea-2024-08-19-stomlinje-lulea-boden.html", "2024-08-19",
        "Ny stomlinje för buss mellan Luleå och Boden",
        "Från och med i dag går en ny stomlinje för buss mellan Luleå och Boden med avgångar var tjugonde minut i "
        "rusningstid. Linjen är ett resultat av samverkan mellan kommunerna och Region Norrbotten.",
        [
            ("p", "Stomlinjen trafikerar Luleå centrum, Luleå tekniska universitet, Sunderby sjukhus och Bodens "
                  "resecentrum. Restiden mellan centrum och centrum är 35 minuter. Bussarna drivs med el."),
            ("p", "Kollektivtrafikförsörjningen mellan Luleå och Boden är en av de frågor som kommunerna driver "
                  "tillsammans inom avsiktsförklaringen om samverkan. Målet är att det ska vara enkelt att bo i den "
                  "ena kommunen och arbeta eller studera i den andra."),
            ("p", "– Många pendlar redan i dag, och med de nya arbetsplatserna blir de ännu fler. En snabb och "
                  "pålitlig busslinje är ett viktigt komplement till tåget tills vi får dubbelspår, säger Jonas "
                  "Wikström, samhällsbyggnadsdirektör i Luleå kommun."),
            ("h2", "Tider och biljetter"),
            ("ul", [
                "Avgångar var tjugonde minut vardagar 06.00–09.00 och 15.00–18.00.",
                "Timtrafik övrig tid och helger.",
                "Samma biljetter och periodkort som i övrig länstrafik.",
            ]),
        ],
        [("Uppdaterat", "2024-08-19", "iso")], ["Text: Jessica Öhman", "Foto: Länstrafiken i Norrbotten"],
        "2024-08-19-ny-stomlinje-lulea-boden",
        "Pressmeddelande: ny stomlinje för buss mellan Luleå och Boden (infrastruktur, kollektivtrafik)",
        "901a2b3c17c3a1b2c3d8"),

    boden(
        "html/boden-2025-02-18-rekryteringsmassa.html", "2025-02-18",
        "Över 3 000 besökare på gemensam rekryteringsmässa",
        "Den gemensamma rekryteringsmässan för arbetsmarknadsregionen Boden–Luleå lockade 3 200 besökare. Fler än "
        "70 arbetsgivare sökte medarbetare.",
        [
            ("p", "Mässan hölls i Boden arena den 15 februari. Bland utställarna fanns industriföretag, "
                  "energibolag, byggföretag, Region Norrbotten och de båda kommunerna, som tillsammans har "
                  "hundratals lediga tjänster inom bland annat skola, vård och teknik."),
            ("p", "Komvux Boden och vuxenutbildningen i Luleå informerade om yrkesvux och yrkeshögskola, och "
                  "Arbetsförmedlingen fanns på plats för dem som söker arbete."),
            ("p", "– Kompetensförsörjningen är vår gemensamma utmaning. Att samla hela arbetsmarknadsregionen på "
                  "ett ställe gör det lättare för den som funderar på att flytta hit, och för medföljande som söker "
                  "jobb, säger Maria Sundberg (S), ordförande i utbildningsnämnden i Boden."),
        ],
        [("Publicerad", "2025-02-18", "iso")], ["Text: Kommunikationsenheten, Bodens kommun"],
        "2025-02-18-over-3000-besokare-pa-rekryteringsmassa",
        "Nyhet: gemensam rekryteringsmässa för arbetsmarknadsregionen Boden–Luleå (kompetensförsörjning)"),

    lulea(
        "html/lulea-2025-03-04-farre-nya-bostader.html", "2025-03-04",
        "Färre nya bostäder 2024 – Luleå vill få fler byggherrar att bygga",
        "Under 2024 färdigställdes 612 nya bostäder i Luleå, vilket är färre än målet på 900. Kommunen bjuder nu in "
        "fler byggherrar och ser över markpriser och planprocess.",
        [
            ("p", "Höga räntor och byggkostnader har gjort att flera bostadsprojekt har skjutits upp. Samtidigt är "
                  "efterfrågan på bostäder fortsatt hög, inte minst bland dem som flyttar till regionen för att "
                  "arbeta inom industrin."),
            ("p", "Kommunen har detaljplaner som medger cirka 2 900 bostäder som ännu inte har byggts. Nu "
                  "genomförs insatser för att fler aktörer ska bidra till bostadsbyggandet, bland annat ett "
                  "byggherreforum tillsammans med Bodens kommun, markanvisningar i mindre etapper och en "
                  "snabbare process för bygglov."),
            ("p", "– Planberedskapen är god. Nu handlar det om att få fler att bygga. Vi vill särskilt se fler "
                  "hyresrätter och bostäder för unga, säger Göran Nilsson (S), ordförande i "
                  "stadsbyggnadsnämnden."),
            ("h2", "Bostäder i siffror 2024"),
            ("ul", [
                "612 färdigställda bostäder, varav 405 i flerbostadshus.",
                "Detaljplaner antagna för 820 nya bostäder.",
                "Markanvisningar för 350 bostäder.",
            ]),
        ],
        [("Publicerad", "2025-03-04", "long")], ["Text: Jessica Öhman"],
        "2025-03-04-farre-nya-bostader-2024",
        "Pressmeddelande: bostadsbyggandet 2024 och insatser för fler byggherrar (leva och bo)",
        "a1b2c3d417c3a1b2c3d9"),

    lulea(
        "html/lulea-2026-05-26-samverkan-med-boden-forlangs.html", "2026-05-26",
        "Samverkan med Boden förlängs till 2030",
        "Kommunstyrelsen i Luleå beslutade i går att förlänga avsiktsförklaringen om samverkan med Bodens kommun till "
        "och med december 2030. Beslutet gäller under förutsättning att Boden fattar motsvarande beslut.",
        [
            ("p", "Avsiktsförklaringen undertecknades i september 2022 och gäller till och med september 2026. En "
                  "gemensam utvärdering visar att samverkan har gett resultat inom kompetensförsörjning, leva och bo, "
                  "infrastruktur och näringslivsutveckling."),
            ("p", "I den reviderade avsiktsförklaringen finns ett nytt gemensamt mål om minst 1 200 nya bostäder "
                  "per år i de två kommunerna tillsammans. Inom infrastruktur läggs beredskap och robust "
                  "elförsörjning till."),
            ("p", "– Utvärderingen visar att vi når längre tillsammans, inte minst när det gäller utbildning och "
                  "infrastruktur. Bostadsbyggandet är det område där vi behöver göra mest de kommande åren, säger "
                  "Hanna Sjöberg, Luleå kommuns samordnare för samverkan med Boden."),
            ("h2", "Resultat 2022–2026 i urval"),
            ("ul", [
                "Gemensam yrkeshögskoleutbildning och avtal om yrkesvux.",
                "Stomlinje för buss mellan Luleå och Boden.",
                "Gemensamt påverkansarbete för dubbelspår Luleå–Boden.",
                "Leverantörsprogram med 120 små och medelstora företag.",
            ]),
        ],
        [("Publicerad", "2026-05-26", "long")], ["Text: Monika Aunes"],
        "2026-05-26-samverkan-med-boden-forlangs",
        "Pressmeddelande: kommunstyrelsen i Luleå förlänger samverkan med Boden till 2030",
        "b2c3d4e517c3a1b2c3da"),

    boden(
        "html/boden-2026-06-16-samverkan-med-lulea-fortsatter.html", "2026-06-16",
        "Boden och Luleå fortsätter samverka till 2030",
        "Kommunstyrelsen i Boden har beslutat att förlänga avsiktsförklaringen om samverkan med Luleå kommun. Den "
        "nya perioden gäller till och med december 2030.",
        [
            ("p", "Beslutet fattades den 15 juni 2026. Luleå kommun fattade motsvarande beslut i maj. Den "
                  "reviderade avsiktsförklaringen behåller de fyra prioriterade områdena kompetensförsörjning, "
                  "leva och bo, infrastruktur och näringslivsutveckling."),
            ("p", "För Boden har samverkan varit särskilt viktig under etableringen i Svartbyn, då kommunerna "
                  "har delat kunskap om planering, tillfälliga bostäder och rekrytering."),
            ("p", "– Vi har lärt oss mycket av varandra. Nu fortsätter vi med bostadsbyggandet, med "
                  "kollektivtrafiken och med att stötta småföretagen på landsbygden, säger Ida Granlund, Bodens "
                  "kommuns samordnare för samverkan med Luleå."),
        ],
        [("Publicerad", "2026-06-16", "long")], ["Text: Kommunikationsenheten, Bodens kommun"],
        "2026-06-16-boden-och-lulea-fortsatter-samverka",
        "Nyhet: kommunstyrelsen i Boden förlänger samverkan med Luleå till 2030"),
]
