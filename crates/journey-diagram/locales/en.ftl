# English: every fixed text of journey's drawings and report.
# The other catalogues have exactly the same messages (a test makes sure of it).

## How figures are written

number-decimal = .
number-group = ,
percent = { $value }%
duration-weeks = { $n }{"\u00A0"}w
duration-days = { $n }{"\u00A0"}d
duration-hours = { $n }{"\u00A0"}h
duration-minutes = { $n }{"\u00A0"}min
duration-seconds = { $n }{"\u00A0"}s
share-about = ~{ $share }
arrow-observed = { $observed } ({ $modelled })

## Titles and facts

title-scenario = { $journey } — scenario: { $scenario }
blueprint-kind = Service blueprint
flow-kind = Flow diagram: steps in the bands of their lanes, flows with their shares
flow-title = { $journey } — flow
fact-competitor = competitor: { $name }
fact-customers-month =
    { $count ->
        [one] { $count } customer a month
       *[other] { $count } customers a month
    }
fact-segments = segments: { $list }
fact-stage = stage: { $name }
fact-left-out =
    { $count ->
        [one] { $count } flow not drawn: too many to draw legibly
       *[other] { $count } flows not drawn: too many to draw legibly
    }
page-header = { $title } — page { $page } of { $pages }
page-number = page { $page } of { $pages }
blueprint-desc =
    Service blueprint of the journey { $journey }, { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    }{ $stages ->
        [0] {""}
        [one] {" "}in { $stages } stage
       *[other] {" "}in { $stages } stages
    }: what the customer does and feels, what contact staff do in front of the line of visibility, the procedures behind it, and the systems that support them.
flow-desc =
    Flow diagram of { $journey }: { $steps ->
        [one] { $steps } step
       *[other] { $steps } steps
    } in { $lanes ->
        [one] { $lanes } lane
       *[other] { $lanes } lanes
    }, { $flows ->
        [one] { $flows } flow
       *[other] { $flows } flows
    }, { $back } of them back into a loop.

## Rows and lines of the blueprint

row-stages = Stages
row-evidence = Physical evidence
row-flows = Flows
row-customer = Customer actions
row-emotion = Emotion
row-frontstage = frontstage: contact staff
row-backstage = backstage
row-support = Support systems
row-no-touchpoints = No touchpoints
row-no-procedures = No procedures
row-no-systems = No support systems
lane-none = No lane
stage-none = No stage
line-interaction = Line of interaction
line-visibility = Line of visibility
line-internal = Line of internal interaction

## Cards

card-alone = on their own, no contact
card-pain = Pain: { $text }
card-risk = Risk: { $text }
card-risk-chance = Risk: { $text } ({ $chance })
card-response = answers in { $duration }
card-script = Script: “{ $text }”
tip-evidence = Physical evidence the customer sees
tip-flow = { $from } → { $to } { $share }
tip-start = Customers start at { $step }: { $share }
tip-end = { $share } of customers end at { $step }
arrow-bundled =
    { $count ->
        [one] { $count } flow
       *[other] { $count } flows
    }

## Scenario marks

mark-added = new in this scenario
mark-changed = changed: { $what }
mark-removed = removed in this scenario
change-action = the action
change-touchpoint = the touchpoint
change-emotion = emotion
change-time-cost = time or cost
change-pains = pains, evidence or risks
change-backstage = backstage
change-flows = where customers go next

## Channels

channel-web = web
channel-app = app
channel-phone = phone
channel-email = e-mail
channel-mail = mail
channel-chat = chat
channel-social = social media
channel-branch = branch
channel-store = store
channel-delivery = delivery
channel-in-person = in person
channel-video = video call
channel-sms = text message
channel-letter = letter
channel-counter = counter

## Legend

legend-evidence = Physical evidence
legend-step = Customer action
legend-staff = Contact staff, at a touchpoint
legend-procedure = Backstage procedure
legend-system = Support system
legend-flow = Flow, with its share
legend-volume = Flow in the log: as wide as its cases; share seen (modelled)
legend-loop = Flow back: a loop
legend-call = Calls on the layer below
legend-emotion = Emotion along the most likely path
legend-off-path = A step off that path
legend-branch = Where other branches leave it
legend-pain = Pain point
legend-risk = Risk
legend-added = Added by the scenario
legend-changed = Changed by the scenario
legend-removed = Removed by the scenario

## The report

report-title = Journey report: { $journey }
report-title-many = Journey report
count-journeys =
    { $count ->
        [one] { $count } journey
       *[other] { $count } journeys
    }
count-touchpoints =
    { $count ->
        [one] { $count } touchpoint
       *[other] { $count } touchpoints
    }
count-procedures =
    { $count ->
        [one] { $count } procedure
       *[other] { $count } procedures
    }
count-systems =
    { $count ->
        [one] { $count } system
       *[other] { $count } systems
    }
count-problems =
    { $errors ->
        [0] no errors
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [0] no warnings
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
report-scenario-on = Scenario on { $journey }
report-figures = Figures
report-figure = Figure
report-per-customer = Per customer, on average
report-all-customers = All customers
report-no-figures = No figures: { $why }
report-likely-path = Most likely path:
report-assumed = Assumed: { $what }
report-unknown = unknown
report-unknown-why = Unknown: { $what }
report-findings = Findings
report-steps = Steps
report-blueprint = Service blueprint
report-flow = Flow diagram
report-compared-with = Compared with { $name }
report-difference = Difference
report-target-met = met
report-target-missed = missed
report-scorecard = Experience targets
report-experience = Experience
report-target = Target
report-customers = Customers
report-expected = Expected
report-verdict = Verdict
report-target-flip = { $experience }, target { $target }: { $before } before, { $after } here
report-evidence = Against the event log
report-evidence-summary =
    { $cases ->
        [one] { $log }: { $cases } case; fitness { $fitness }, precision { $precision }
       *[other] { $log }: { $cases } cases; fitness { $fitness }, precision { $precision }
    }
report-evidence-flow = Flow
report-evidence-modelled = Modelled
report-evidence-observed = Observed (95% interval)
report-evidence-taken = Taken
report-evidence-end = (end)
report-evidence-assumed = { $share } (assumed)
report-evidence-interval = { $share } ({ $low }–{ $high })
report-evidence-of = { $taken } of { $total }
report-evidence-off = Highlighted: the log contradicts the modelled share (beyond the tolerance).
report-evidence-drift = Shares that changed from one period to the next:
report-evidence-drift-row = { $flow }: { $before } in { $from }, { $after } in { $to }
report-check = Findings of the check
report-no-problems = No problems found.
report-col-stage = Stage
report-col-step = Step
report-col-touchpoint = Where
report-col-staff = Contact staff
report-col-lane = Lane
report-col-emotion = Emotion
report-col-duration = Duration
report-col-pains = Pains and risks
report-col-severity = Severity
report-col-code = Code
report-col-where = Where
report-col-what = What
severity-error = error
severity-warning = warning
finding-contact-driver = Contact driver
finding-failure-point = Failure point
finding-hand-off-hot-spot = Hand-off hot spot
finding-consolidation = Consolidation

## Figures

metric-steps = Steps
metric-touchpoints = Touchpoints
metric-channels = Channels
metric-expected-steps-taken = Steps taken
metric-expected-contacts = Contacts
metric-expected-duration = Duration
metric-expected-waiting-at-contacts = Waiting at contacts
metric-expected-cost = Cost
metric-expected-emotion = Emotion
metric-channel-switches = Channel switches
metric-lane-hand-offs = Hand-offs between lanes
metric-pain-points-met = Pain points met
metric-chance-of-a-risk = Chance of meeting a risk
metric-customer-effort = Customer effort
