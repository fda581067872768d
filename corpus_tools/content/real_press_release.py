"""(a) The one real document: Luleå kommun's press release of 7 June 2022.

The article text below is verbatim (every sentence, the quotes and the bullet
list of the published page). Only the page around it is reconstructed.
"""

DOCUMENTS = [
    dict(
        kind="html",
        template="lulea",
        file="html/lulea-boden-samverkar-2022-06-07.html",
        real=True,
        date="2022-06-07",
        municipality_label="Luleå kommun",
        what="Pressmeddelande (nyhet på webbplatsen): Luleå och Boden samverkar för att stärka regionen",
        slug="2022-06-07-lulea-och-boden-samverkar-for-att-starka-regionen",
        page_id="1a2b3c4d17f4c8e9a2b5",
        title="Luleå och Boden samverkar för att stärka regionen",
        ingress=("Luleå och Boden vill tillsammans arbeta för en positiv samhällsutveckling i regionen och har "
                 "nu tagit fram ett förslag till avsiktsförklaring för samverkan. Kommunstyrelsens arbetsutskott "
                 "i Luleå ställde sig idag bakom förslaget. Det slutgiltiga beslutet fattas av kommunstyrelsen."),
        blocks=[
            ("p", "Luleå, Boden och hela den norra regionen står inför en spännande samhällsomställning de kommande "
                  "åren. Prognoser visar att de stora industrisatsningar som planeras inom bland annat grön industri i "
                  "Norrbotten och Västerbotten tillsammans kan skapa 100 000 nya jobb i hela regionen de kommande åren. "
                  "En framtidsbild med stora möjligheter, men som även ställer alla berörda kommuner inför helt nya "
                  "utmaningar."),
            ("p", "Genom samverkan vill Luleå kommun och Bodens kommun arbeta för en positiv samhällsutveckling i "
                  "regionen. De båda kommunerna har tagit fram ett förslag till avsiktsförklaring kring fyra "
                  "prioriterade områden: kompetensförsörjning, leva och bo, infrastruktur och "
                  "näringslivsutveckling. Kommunstyrelsens arbetsutskott i Luleå ställde sig bakom förslaget vid "
                  "sammanträdet den 7 juni."),
            ("figure", "/images/18.1a2b3c4d17f4c8e9a2b6/1654589000000/lulea-boden-fotocollage.jpg",
             "Luleå kommun och Bodens kommun har tillsammans tagit fram ett förslag till avsiktsförklaring om samverkan."),
            ("p", "– Avsiktsförklaringen visar att vi, Luleå och Boden, tillsammans vill samverka för en positiv "
                  "samhällsutveckling i vår region. Det kommer att stärka våra möjligheter att nationellt driva frågor "
                  "som rör samhällsomställningen. Utifrån våra unika förutsättningar kan vi bidra till att stärka den "
                  "gemensamma helheten och tillsammans ta oss an de utmaningar som väntar, säger Carina Sammeli, "
                  "kommunstyrelsens ordförande (S) i Luleå."),
            ("p", "– Vi behöver en inflyttning av både människor och företag av ett slag vi aldrig tidigare har varit "
                  "med om. Genom att samverka kan Boden och Luleå stärka den gemensamma attraktionskraften som hållbara "
                  "platser för att bo, driva verksamhet och skapa upplevelser. Det vi gör nu kommer att prägla våra "
                  "kommuner under många decennier framåt, säger Claes Nordmark, kommunstyrelsens ordförande (S) i "
                  "Boden."),
            ("h2", "Fyra prioriterade områden"),
            ("p", "Avsiktsförklaringen ska gälla från september 2022 till och med september 2026 och omfattar fyra "
                  "prioriterade områden: kompetensförsörjning, leva och bo, infrastruktur och näringslivsutveckling. "
                  "Samverkan föreslås bland annat innefatta följande:"),
            ("ul", [
                "Kompetensförsörjning - utveckla en effektiv kompetensförsörjningsprocess och stabil "
                "kompetensförsörjning i den gemensamma arbetsmarknadsregionen.",
                "Leva och bo - samverka kring gemensamma insatser för effektiv planeringsprocess, fler aktörer som "
                "bidrar till bostadsbyggande samt främja ett socialt hållbart vardagsliv.",
                "Infrastruktur - samverka för att samordna, stötta och gemensamt driva frågor kring energi, "
                "transporter och kommunikation.",
                "Näringslivsutveckling - stödja respektive kommun vid stora etableringar, genomföra insatser till små "
                "och medelstora företag för att bättre kunna möta den gröna omställningens möjligheter. Gemensamt "
                "utveckla samverkan med näringslivsaktörer på landsbygden.",
            ]),
        ],
        credits=["Text: Monika Aunes", "Fotocollage: Frank Rizo"],
        dates=[("Uppdaterat", "2022-06-07", "long")],
    ),
]
