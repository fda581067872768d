"""(b) Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun (fictional text
built on the facts of the real press release of 2022-06-07)."""

DOCUMENTS = [
    dict(
        kind="agreement",
        file="pdf/avsiktsforklaring-lulea-boden-2022-09-13.pdf",
        date="2022-09-13",
        municipality_label="Luleå kommun och Bodens kommun",
        what="Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun 2022–2026 (undertecknad)",
        title="Avsiktsförklaring om samverkan mellan Luleå kommun och Bodens kommun",
        author="Luleå kommun och Bodens kommun",
        subject="Avsiktsförklaring 2022–2026: kompetensförsörjning, leva och bo, infrastruktur, näringslivsutveckling",
        keywords="avsiktsförklaring, samverkan, Luleå, Boden, kompetensförsörjning, bostadsbyggande, infrastruktur, näringslivsutveckling",
        header_left="Luleå kommun och Bodens kommun",
        header_left2="Avsiktsförklaring om samverkan",
        header_right2="Dnr Luleå 2022/456-1.1.1, Dnr Boden KS 2022/0318",
        footer_left="Luleå kommun, 971 85 Luleå, tfn 0920-45 30 00",
        footer_right="Bodens kommun, 961 86 Boden, tfn 0921-620 00",
        blocks=[
            ("h2", "1. Parter"),
            ("text", """
Denna avsiktsförklaring ingås mellan Luleå kommun, 971 85 Luleå, och Bodens kommun, 961 86 Boden.
Tillsammans benämns de nedan parterna. Respektive kommun företräds av sin kommunstyrelse.
"""),
            ("h2", "2. Bakgrund"),
            ("text", """
Luleå, Boden och hela den norra regionen står inför en omfattande samhällsomställning. Prognoser
visar att de stora industrisatsningar som planeras inom bland annat grön industri i Norrbotten och
Västerbotten tillsammans kan skapa 100 000 nya jobb i hela regionen de kommande åren. Till det
kommer de arbetstillfällen som följer i handel, service och offentlig verksamhet när befolkningen
växer.

I Boden etablerar H2 Green Steel en fossilfri stålproduktion i Svartbyn, och i Luleå pågår
omställningen av stålindustrin och utvecklingen av HYBRIT-tekniken. Etableringarna ställer krav på
bostäder, utbildning, kollektivtrafik, elförsörjning och kommunal service i en omfattning som ingen
av kommunerna tidigare har mött. Luleå och Boden utgör redan i dag en gemensam arbetsmarknadsregion
där tusentals personer dagligen pendlar mellan orterna.

Parterna bedömer att de genom samverkan bättre kan ta tillvara möjligheterna och möta
utmaningarna, och att en gemensam röst stärker möjligheterna att nationellt driva frågor som rör
samhällsomställningen.
"""),
            ("h2", "3. Syfte"),
            ("text", """
Syftet med avsiktsförklaringen är att parterna tillsammans ska arbeta för en positiv och hållbar
samhällsutveckling i regionen. Parterna ska utifrån sina unika förutsättningar bidra till att
stärka den gemensamma helheten, öka attraktionskraften som platser att bo, verka och leva på samt
tillsammans hantera de utmaningar som följer av de stora etableringarna.

Avsiktsförklaringen är inte ett juridiskt bindande avtal. Den ger en gemensam inriktning för det
arbete som respektive kommun beslutar om inom ramen för sina ordinarie budgetar och processer.
"""),
            ("h2", "4. Giltighetstid"),
            ("text", """
Avsiktsförklaringen gäller från september 2022 till och med september 2026. Senast under våren
2026 ska parterna gemensamt utvärdera samverkan och ta ställning till om avsiktsförklaringen ska
förlängas, revideras eller avslutas.
"""),
            ("h2", "5. Prioriterade områden"),
            ("text", """
Samverkan omfattar fyra prioriterade områden: kompetensförsörjning, leva och bo, infrastruktur och
näringslivsutveckling. Inom respektive område ska parterna i första hand samverka kring följande.
"""),
            ("h3", "5.1 Kompetensförsörjning"),
            ("text", """
Parterna ska utveckla en effektiv kompetensförsörjningsprocess och en stabil kompetens^försörjning i
den gemensamma arbetsmarknadsregionen. Samverkan innefattar bland annat:

• gemensam analys av kompetensbehov hos kommunerna, industrin och övrigt näringsliv,

• samordnat utbud av vuxenutbildning, yrkesvux och yrkeshögskoleutbildningar så att utbildningsplatser
i den ena kommunen är öppna för invånare i den andra,

• gemensamma insatser för rekrytering och mottagande av nya invånare och deras medföljande,

• samverkan mellan kommunernas arbetsmarknadsverksamheter för att fler ska komma i arbete.
"""),
            ("h3", "5.2 Leva och bo"),
            ("text", """
Parterna ska samverka kring gemensamma insatser för en effektiv planeringsprocess, fler aktörer som
bidrar till bostadsbyggande samt främja ett socialt hållbart vardagsliv. Samverkan innefattar bland
annat:

• erfarenhetsutbyte och samordning i arbetet med översiktsplanering, detaljplaner och bygglov så att
planberedskapen för bostäder motsvarar behoven,

• gemensamma kontakter med byggherrar, fastighetsägare och finansiärer för att fler aktörer ska bygga
bostäder i båda kommunerna,

• samordnad bostadsförsörjningsplanering, inklusive tillfälliga bostäder under etableringsfasen,

• insatser för ett socialt hållbart vardagsliv med tillgång till förskola, skola, kultur och fritid.
"""),
            ("h3", "5.3 Infrastruktur"),
            ("text", """
Parterna ska samverka för att samordna, stötta och gemensamt driva frågor kring energi, transporter
och kommunikation. Samverkan innefattar bland annat:

• gemensamt påverkansarbete för dubbelspår på järnvägen Luleå–Boden och för Norrbotniabanan,

• en kollektivtrafikförsörjning som gör det enkelt att pendla mellan kommunerna,

• gemensamma ställningstaganden om elförsörjning och nätkapacitet i dialog med Svenska kraftnät och
nätägare,

• fortsatt utbyggnad av bredband och digital infrastruktur, även på landsbygden.
"""),
            ("h3", "5.4 Näringslivsutveckling"),
            ("text", """
Parterna ska stödja respektive kommun vid stora etableringar och genomföra insatser till små och
medelstora företag för att bättre kunna möta den gröna omställningens möjligheter. Parterna ska
gemensamt utveckla samverkan med näringslivsaktörer på landsbygden. Samverkan innefattar bland annat:

• en samordnad etableringsprocess där parterna delar kunskap och vid behov resurser när en av dem
tar emot en stor etablering,

• gemensamma program för leverantörsutveckling så att lokala företag kan bli underleverantörer till
de nya industrierna,

• samverkan med företagarorganisationer för ett bättre företagsklimat,

• insatser för näringslivet på landsbygden, bland annat inom besöksnäring och livsmedel.
"""),
            ("h2", "6. Organisation och styrning"),
            ("text", """
Samverkan leds av en gemensam politisk styrgrupp som består av kommunstyrelsens ordförande och
kommundirektör i respektive kommun. Styrgruppen sammanträder två gånger per år, under våren och
hösten, och i övrigt vid behov. Ordförandeskapet växlar årsvis mellan parterna, med början i Luleå
kommun.

Till styrgruppen knyts en tjänstepersonsgrupp med en samordnare från vardera kommunen och
representanter för de förvaltningar som berörs av de prioriterade områdena. Tjänstepersonsgruppen
bereder ärenden till styrgruppen, föreslår gemensamma aktiviteter och ansvarar för uppföljningen.

Beslut om insatser fattas av respektive kommuns behöriga organ. Kostnader för gemensamma insatser
fördelas mellan parterna enligt överenskommelse i varje enskilt fall. Om inget annat avtalas bär
varje part sina egna kostnader.
"""),
            ("h2", "7. Uppföljning"),
            ("text", """
Samverkan följs upp årligen. Tjänstepersonsgruppen sammanställer en gemensam uppföljning per
prioriterat område som behandlas av styrgruppen under hösten och därefter redovisas för
kommunstyrelsen i respektive kommun. Den första uppföljningen avser perioden september 2022 till
och med augusti 2023.
"""),
            ("h2", "8. Ändringar och uppsägning"),
            ("text", """
Ändringar av och tillägg till denna avsiktsförklaring ska göras skriftligen och godkännas av båda
parter. Part som vill upphöra med samverkan före giltighetstidens slut ska meddela detta skriftligen
till den andra parten med sex månaders varsel.
"""),
            ("h2", "9. Underskrifter"),
            ("text", """
Denna avsiktsförklaring har upprättats i två likalydande exemplar, av vilka parterna tagit var sitt.
"""),
            ("signatures", [
                dict(place_date="Luleå den 13 september 2022", org="För Luleå kommun",
                     name="Carina Sammeli", role="Kommunstyrelsens ordförande, Luleå kommun"),
                dict(place_date="Boden den 13 september 2022", org="För Bodens kommun",
                     name="Claes Nordmark", role="Kommunstyrelsens ordförande, Bodens kommun"),
            ]),
        ],
    ),
]
