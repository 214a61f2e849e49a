# Ελληνικά: όλα τα σταθερά κείμενα των σχεδίων και της αναφοράς του journey.

## Πώς γράφονται οι αριθμοί

number-decimal = ,
number-group = .
percent = { $value }%
duration-weeks = { $n }{"\u00A0"}εβδ.
duration-days = { $n }{"\u00A0"}ημ.
duration-hours = { $n }{"\u00A0"}ώρ.
duration-minutes = { $n }{"\u00A0"}λεπ.
duration-seconds = { $n }{"\u00A0"}δευτ.
share-about = ~{ $share }
arrow-observed = { $observed } ({ $modelled })

## Τίτλοι και στοιχεία

title-scenario = { $journey } — σενάριο: { $scenario }
blueprint-kind = Σχεδιάγραμμα υπηρεσίας
flow-kind = Διάγραμμα ροής: τα βήματα στις λωρίδες των τμημάτων τους, οι ροές με τα ποσοστά τους
flow-title = { $journey } — ροή
fact-competitor = ανταγωνιστής: { $name }
fact-customers-month =
    { $count ->
        [one] { $count } πελάτης τον μήνα
       *[other] { $count } πελάτες τον μήνα
    }
fact-segments = ομάδες πελατών: { $list }
fact-stage = στάδιο: { $name }
fact-left-out =
    { $count ->
        [one] { $count } ροή δεν σχεδιάστηκε: είναι πάρα πολλές για ευανάγνωστο σχέδιο
       *[other] { $count } ροές δεν σχεδιάστηκαν: είναι πάρα πολλές για ευανάγνωστο σχέδιο
    }
page-header = { $title } — σελίδα { $page } από { $pages }
page-number = σελίδα { $page } από { $pages }
blueprint-desc =
    Σχεδιάγραμμα υπηρεσίας της διαδρομής { $journey }, με { $steps ->
        [one] { $steps } βήμα
       *[other] { $steps } βήματα
    }{ $stages ->
        [0] {""}
        [one] {" "}σε { $stages } στάδιο
       *[other] {" "}σε { $stages } στάδια
    }: τι κάνει και πώς νιώθει ο πελάτης, τι κάνει το προσωπικό επαφής μπροστά από τη γραμμή ορατότητας, οι διαδικασίες πίσω από αυτήν και τα συστήματα που τις υποστηρίζουν.
flow-desc =
    Διάγραμμα ροής της διαδρομής { $journey }: { $steps ->
        [one] { $steps } βήμα
       *[other] { $steps } βήματα
    } σε { $lanes ->
        [one] { $lanes } λωρίδα
       *[other] { $lanes } λωρίδες
    }, { $flows ->
        [one] { $flows } ροή
       *[other] { $flows } ροές
    }, από τις οποίες { $back } επιστρέφουν σε βρόχο.

## Γραμμές και σειρές του σχεδιαγράμματος

row-stages = Στάδια
row-evidence = Φυσικά τεκμήρια
row-flows = Ροές
row-customer = Ενέργειες του πελάτη
row-emotion = Συναίσθημα
row-frontstage = στο προσκήνιο: προσωπικό επαφής
row-backstage = στο παρασκήνιο
row-support = Συστήματα υποστήριξης
row-no-touchpoints = Κανένα σημείο επαφής
row-no-procedures = Καμία διαδικασία
row-no-systems = Κανένα σύστημα υποστήριξης
lane-none = Χωρίς λωρίδα
stage-none = Χωρίς στάδιο
line-interaction = Γραμμή αλληλεπίδρασης
line-visibility = Γραμμή ορατότητας
line-internal = Γραμμή εσωτερικής αλληλεπίδρασης

## Κάρτες

card-alone = ο πελάτης μόνος, χωρίς επαφή
card-pain = Πρόβλημα: { $text }
card-risk = Κίνδυνος: { $text }
card-risk-chance = Κίνδυνος: { $text } ({ $chance })
card-response = απαντά σε { $duration }
card-script = Πρότυπο διαλόγου: «{ $text }»
tip-evidence = Φυσικά τεκμήρια που βλέπει ο πελάτης
tip-flow = { $from } → { $to } { $share }
tip-start = Οι πελάτες ξεκινούν από το βήμα «{ $step }»: { $share }
tip-end = Το { $share } των πελατών τελειώνει στο βήμα «{ $step }»
arrow-bundled =
    { $count ->
        [one] { $count } ροή
       *[other] { $count } ροές
    }

## Σημάδια σεναρίου

mark-added = νέο σε αυτό το σενάριο
mark-changed = αλλαγές: { $what }
mark-removed = αφαιρείται σε αυτό το σενάριο
change-action = η ενέργεια
change-touchpoint = το σημείο επαφής
change-emotion = το συναίσθημα
change-time-cost = χρόνος ή κόστος
change-pains = προβλήματα, τεκμήρια ή κίνδυνοι
change-backstage = το παρασκήνιο
change-flows = πού πηγαίνουν μετά οι πελάτες

## Κανάλια

channel-web = διαδίκτυο
channel-app = εφαρμογή
channel-phone = τηλέφωνο
channel-email = email
channel-mail = ταχυδρομείο
channel-chat = συνομιλία
channel-social = μέσα κοινωνικής δικτύωσης
channel-branch = υποκατάστημα
channel-store = κατάστημα
channel-delivery = παράδοση
channel-in-person = δια ζώσης
channel-video = βιντεοκλήση
channel-sms = SMS
channel-letter = επιστολή
channel-counter = γκισέ

## Υπόμνημα

legend-evidence = Φυσικά τεκμήρια
legend-step = Ενέργεια του πελάτη
legend-staff = Προσωπικό επαφής, σε σημείο επαφής
legend-procedure = Διαδικασία στο παρασκήνιο
legend-system = Σύστημα υποστήριξης
legend-flow = Ροή, με το ποσοστό της
legend-volume = Ροή στο αρχείο: πλάτος κατά τις περιπτώσεις· ποσοστό στην πράξη (στο μοντέλο)
legend-loop = Ροή προς τα πίσω: βρόχος
legend-call = Καταφεύγει στο επίπεδο από κάτω
legend-emotion = Συναίσθημα στην πιθανότερη διαδρομή
legend-off-path = Βήμα εκτός αυτής της διαδρομής
legend-branch = Εδώ αποκλίνουν άλλοι κλάδοι
legend-pain = Πρόβλημα του πελάτη
legend-risk = Κίνδυνος
legend-added = Προστίθεται από το σενάριο
legend-changed = Αλλάζει με το σενάριο
legend-removed = Αφαιρείται από το σενάριο

## Η αναφορά

report-title = Αναφορά διαδρομής: { $journey }
report-title-many = Αναφορά διαδρομών
count-journeys =
    { $count ->
        [one] { $count } διαδρομή
       *[other] { $count } διαδρομές
    }
count-touchpoints =
    { $count ->
        [one] { $count } σημείο επαφής
       *[other] { $count } σημεία επαφής
    }
count-procedures =
    { $count ->
        [one] { $count } διαδικασία
       *[other] { $count } διαδικασίες
    }
count-systems =
    { $count ->
        [one] { $count } σύστημα
       *[other] { $count } συστήματα
    }
count-problems =
    { $errors ->
        [0] κανένα σφάλμα
        [one] { $errors } σφάλμα
       *[other] { $errors } σφάλματα
    }, { $warnings ->
        [0] καμία προειδοποίηση
        [one] { $warnings } προειδοποίηση
       *[other] { $warnings } προειδοποιήσεις
    }
report-scenario-on = Σενάριο πάνω στη διαδρομή { $journey }
report-figures = Μετρήσεις
report-figure = Μέγεθος
report-per-customer = Ανά πελάτη, κατά μέσο όρο
report-all-customers = Όλοι οι πελάτες
report-no-figures = Δεν υπάρχουν μετρήσεις: { $why }
report-likely-path = Πιθανότερη διαδρομή:
report-assumed = Υπόθεση: { $what }
report-unknown = άγνωστο
report-unknown-why = Άγνωστο: { $what }
report-findings = Ευρήματα
report-steps = Βήματα
report-blueprint = Σχεδιάγραμμα υπηρεσίας
report-flow = Διάγραμμα ροής
report-compared-with = Σύγκριση με { $name }
report-difference = Διαφορά
report-target-met = επιτυγχάνεται
report-target-missed = δεν επιτυγχάνεται
report-scorecard = Στόχοι εμπειρίας
report-experience = Εμπειρία
report-target = Στόχος
report-customers = Πελάτες
report-expected = Αναμενόμενο
report-verdict = Αποτέλεσμα
report-target-flip = { $experience }, στόχος { $target }: πριν { $before }, εδώ { $after }
report-evidence = Σε σύγκριση με το αρχείο συμβάντων
report-evidence-summary =
    { $cases ->
        [one] { $log }: { $cases } περίπτωση· προσαρμογή { $fitness }, ακρίβεια { $precision }
       *[other] { $log }: { $cases } περιπτώσεις· προσαρμογή { $fitness }, ακρίβεια { $precision }
    }
report-evidence-flow = Ροή
report-evidence-modelled = Στο μοντέλο
report-evidence-observed = Παρατηρούμενο (διάστημα 95%)
report-evidence-taken = Φορές
report-evidence-end = (τέλος)
report-evidence-assumed = { $share } (υπόθεση)
report-evidence-interval = { $share } ({ $low }–{ $high })
report-evidence-of = { $taken } από { $total }
report-evidence-off = Επισημασμένα: το αρχείο διαψεύδει το ποσοστό του μοντέλου (πέρα από την ανοχή).
report-evidence-drift = Ποσοστά που άλλαξαν από τη μία περίοδο στην επόμενη:
report-evidence-drift-row = { $flow }: { $before } το { $from }, { $after } το { $to }
report-check = Ευρήματα του ελέγχου
report-no-problems = Δεν βρέθηκαν προβλήματα.
report-col-stage = Στάδιο
report-col-step = Βήμα
report-col-touchpoint = Πού
report-col-staff = Προσωπικό επαφής
report-col-lane = Λωρίδα
report-col-emotion = Συναίσθημα
report-col-duration = Διάρκεια
report-col-pains = Προβλήματα και κίνδυνοι
report-col-severity = Σοβαρότητα
report-col-code = Κωδικός
report-col-where = Θέση
report-col-what = Περιγραφή
severity-error = σφάλμα
severity-warning = προειδοποίηση
finding-contact-driver = Αιτία επικοινωνίας
finding-failure-point = Σημείο αποτυχίας
finding-hand-off-hot-spot = Σημείο συχνών μεταβιβάσεων
finding-consolidation = Συγχώνευση βημάτων

## Μετρήσεις

metric-steps = Βήματα
metric-touchpoints = Σημεία επαφής
metric-channels = Κανάλια
metric-expected-steps-taken = Βήματα που γίνονται
metric-expected-contacts = Επαφές
metric-expected-duration = Διάρκεια
metric-expected-waiting-at-contacts = Αναμονή στις επαφές
metric-expected-cost = Κόστος
metric-expected-emotion = Συναίσθημα
metric-channel-switches = Αλλαγές καναλιού
metric-lane-hand-offs = Μεταβιβάσεις μεταξύ λωρίδων
metric-pain-points-met = Προβλήματα που συναντά
metric-chance-of-a-risk = Πιθανότητα να συμβεί κίνδυνος
metric-customer-effort = Προσπάθεια του πελάτη
