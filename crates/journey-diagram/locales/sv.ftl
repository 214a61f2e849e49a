# Svenska: alla fasta texter i journeys ritningar och rapport.

## Hur tal skrivs

number-decimal = ,
number-group = {"\u00A0"}
percent = { $value }{"\u00A0"}%
duration-weeks = { $n }{"\u00A0"}v
duration-days = { $n }{"\u00A0"}d
duration-hours = { $n }{"\u00A0"}tim
duration-minutes = { $n }{"\u00A0"}min
duration-seconds = { $n }{"\u00A0"}s
share-about = ~{ $share }
arrow-observed = { $observed } ({ $modelled })

## Rubriker och fakta

title-scenario = { $journey } — scenario: { $scenario }
blueprint-kind = Tjänsteritning
flow-kind = Flödesschema: stegen i sina avdelningars simbanor, flödena med sina andelar
flow-title = { $journey } — flöde
fact-competitor = konkurrent: { $name }
fact-customers-month =
    { $count ->
        [one] { $count } kund i månaden
       *[other] { $count } kunder i månaden
    }
fact-segments = segment: { $list }
fact-stage = fas: { $name }
fact-left-out =
    { $count ->
        [one] { $count } flöde ritas inte: för många för att ritas läsbart
       *[other] { $count } flöden ritas inte: för många för att ritas läsbart
    }
page-header = { $title } — sida { $page } av { $pages }
page-number = sida { $page } av { $pages }
blueprint-desc =
    Tjänsteritning för kundresan { $journey }, { $steps } steg{ $stages ->
        [0] {""}
        [one] {" "}i { $stages } fas
       *[other] {" "}i { $stages } faser
    }: vad kunden gör och känner, vad kontaktpersonalen gör framför synlighetslinjen, rutinerna bakom den och systemen som stöder dem.
flow-desc =
    Flödesschema för { $journey }: { $steps } steg i { $lanes ->
        [one] { $lanes } simbana
       *[other] { $lanes } simbanor
    }, { $flows ->
        [one] { $flows } flöde
       *[other] { $flows } flöden
    }, varav { $back } leder tillbaka i en slinga.

## Ritningens rader och linjer

row-stages = Faser
row-evidence = Fysiska bevis
row-flows = Flöden
row-customer = Kundens handlingar
row-emotion = Känsla
row-frontstage = på scenen: kontaktpersonal
row-backstage = bakom scenen
row-support = Stödsystem
row-no-touchpoints = Inga kontaktpunkter
row-no-procedures = Inga rutiner
row-no-systems = Inga stödsystem
lane-none = Ingen simbana
stage-none = Ingen fas
line-interaction = Interaktionslinje
line-visibility = Synlighetslinje
line-internal = Linje för intern interaktion

## Korten

card-alone = på egen hand, ingen kontakt
card-pain = Smärtpunkt: { $text }
card-risk = Risk: { $text }
card-risk-chance = Risk: { $text } ({ $chance })
card-response = svarar inom { $duration }
card-script = Manus: ”{ $text }”
tip-evidence = Fysiska bevis som kunden ser
tip-flow = { $from } → { $to } { $share }
tip-start = Kunderna börjar vid { $step }: { $share }
tip-end = { $share } av kunderna slutar vid { $step }
arrow-bundled =
    { $count ->
        [one] { $count } flöde
       *[other] { $count } flöden
    }

## Scenariots markeringar

mark-added = nytt i detta scenario
mark-changed = ändrat: { $what }
mark-removed = borttaget i detta scenario
change-action = handlingen
change-touchpoint = kontaktpunkten
change-emotion = känslan
change-time-cost = tid eller kostnad
change-pains = smärtpunkter, bevis eller risker
change-backstage = bakom scenen
change-flows = vart kunderna går sedan

## Kanaler

channel-web = webb
channel-app = app
channel-phone = telefon
channel-email = e-post
channel-mail = post
channel-chat = chatt
channel-social = sociala medier
channel-branch = kontor
channel-store = butik
channel-delivery = leverans
channel-in-person = på plats
channel-video = videosamtal
channel-sms = sms
channel-letter = brev
channel-counter = disk

## Teckenförklaring

legend-evidence = Fysiska bevis
legend-step = Kundens handling
legend-staff = Kontaktpersonal, vid en kontaktpunkt
legend-procedure = Rutin bakom scenen
legend-system = Stödsystem
legend-flow = Flöde, med sin andel
legend-volume = Flöde i loggen: bredd efter ärenden; andel i loggen (i modellen)
legend-loop = Flöde tillbaka: en slinga
legend-call = Tar hjälp av lagret under
legend-emotion = Känsla längs den mest sannolika vägen
legend-off-path = Ett steg utanför den vägen
legend-branch = Där andra grenar lämnar den
legend-pain = Smärtpunkt
legend-risk = Risk
legend-added = Tillagt i scenariot
legend-changed = Ändrat i scenariot
legend-removed = Borttaget i scenariot

## Rapporten

report-title = Rapport för kundresan: { $journey }
report-title-many = Rapport för kundresor
count-journeys =
    { $count ->
        [one] { $count } kundresa
       *[other] { $count } kundresor
    }
count-touchpoints =
    { $count ->
        [one] { $count } kontaktpunkt
       *[other] { $count } kontaktpunkter
    }
count-procedures =
    { $count ->
        [one] { $count } rutin
       *[other] { $count } rutiner
    }
count-systems = { $count } system
count-problems =
    { $errors ->
        [0] inga fel
       *[other] { $errors } fel
    }, { $warnings ->
        [0] inga varningar
        [one] { $warnings } varning
       *[other] { $warnings } varningar
    }
report-scenario-on = Scenario på { $journey }
report-figures = Nyckeltal
report-figure = Nyckeltal
report-per-customer = Per kund, i genomsnitt
report-all-customers = Alla kunder
report-no-figures = Inga nyckeltal: { $why }
report-likely-path = Mest sannolika väg:
report-assumed = Antaget: { $what }
report-unknown = okänt
report-unknown-why = Okänt: { $what }
report-findings = Iakttagelser
report-steps = Steg
report-blueprint = Tjänsteritning
report-flow = Flödesschema
report-compared-with = Jämfört med { $name }
report-difference = Skillnad
report-target-met = uppfyllt
report-target-missed = inte uppfyllt
report-scorecard = Upplevelsemål
report-experience = Upplevelse
report-target = Mål
report-customers = Kunder
report-expected = Förväntat
report-verdict = Utfall
report-target-flip = { $experience }, mål { $target }: { $before } före, { $after } här
report-evidence = Mot händelseloggen
report-evidence-summary =
    { $cases ->
        [one] { $log }: { $cases } ärende; passform { $fitness }, precision { $precision }
       *[other] { $log }: { $cases } ärenden; passform { $fitness }, precision { $precision }
    }
report-evidence-flow = Flöde
report-evidence-modelled = Enligt modellen
report-evidence-observed = Observerat (95 % intervall)
report-evidence-taken = Antal
report-evidence-end = (slut)
report-evidence-assumed = { $share } (antaget)
report-evidence-interval = { $share } ({ $low }–{ $high })
report-evidence-of = { $taken } av { $total }
report-evidence-off = Markerat: loggen motsäger modellens andel (mer än toleransen).
report-evidence-drift = Andelar som ändrades från en period till nästa:
report-evidence-drift-row = { $flow }: { $before } under { $from }, { $after } under { $to }
report-check = Kontrollens iakttagelser
report-no-problems = Inga problem hittades.
report-col-stage = Fas
report-col-step = Steg
report-col-touchpoint = Var
report-col-staff = Kontaktpersonal
report-col-lane = Simbana
report-col-emotion = Känsla
report-col-duration = Tid
report-col-pains = Smärtpunkter och risker
report-col-severity = Allvarlighet
report-col-code = Kod
report-col-where = Plats
report-col-what = Vad
severity-error = fel
severity-warning = varning
finding-contact-driver = Kontaktorsak
finding-failure-point = Felpunkt
finding-hand-off-hot-spot = Många överlämningar
finding-consolidation = Sammanslagning

## Nyckeltal

metric-steps = Steg
metric-touchpoints = Kontaktpunkter
metric-channels = Kanaler
metric-expected-steps-taken = Steg som tas
metric-expected-contacts = Kontakter
metric-expected-duration = Tid
metric-expected-waiting-at-contacts = Väntetid vid kontakter
metric-expected-cost = Kostnad
metric-expected-emotion = Känsla
metric-channel-switches = Kanalbyten
metric-lane-hand-offs = Överlämningar mellan simbanor
metric-pain-points-met = Smärtpunkter som möts
metric-chance-of-a-risk = Sannolikhet att råka ut för en risk
metric-customer-effort = Kundens ansträngning
