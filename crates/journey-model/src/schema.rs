//! Which fields each kind of item has, and what their values are. The lowering reads this
//! table to check and convert fields; editors read it for completion and hover.

use journey_syntax::ast::ItemKind;

/// What kind of item a reference may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    Lane,
    System,
    Procedure,
    Touchpoint,
    Segment,
    Experience,
    Journey,
    Step,
}

impl RefKind {
    pub fn item_kind(self) -> ItemKind {
        match self {
            RefKind::Lane => ItemKind::Lane,
            RefKind::System => ItemKind::System,
            RefKind::Procedure => ItemKind::Procedure,
            RefKind::Touchpoint => ItemKind::Touchpoint,
            RefKind::Segment => ItemKind::Segment,
            RefKind::Experience => ItemKind::Experience,
            RefKind::Journey => ItemKind::Journey,
            RefKind::Step => ItemKind::Step,
        }
    }
}

/// The type of a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// One reference to an item of the kind.
    Ref(RefKind),
    /// A comma-separated list of references.
    RefList(RefKind),
    /// A step of the same journey, or a procedure.
    Recovery,
    Text,
    /// A comma-separated list of strings: `"Me", "Cat"`.
    TextList,
    /// A plain number.
    Number,
    /// A free identifier, such as a channel (`web`) or a system kind (`erp`).
    Word,
    /// `15min`, `2d`
    Duration,
    /// `30%`
    Percent,
    /// An emotion score from −2 to +2.
    Score,
    /// `4.50 EUR`
    Money,
    /// `12000 / month`
    Volume,
    /// `true` or `false`
    Bool,
    /// `"Long hold time" 10%`
    TextWithPercent,
}

impl ValueType {
    /// How the type is described in diagnostics and hover.
    pub fn describe(self) -> &'static str {
        match self {
            ValueType::Ref(_) => "a reference",
            ValueType::RefList(_) => "a list of references",
            ValueType::Recovery => "a step of this journey or a procedure",
            ValueType::Text => "a string",
            ValueType::TextList => "one or more strings",
            ValueType::Number => "a number",
            ValueType::Word => "a word",
            ValueType::Duration => "a duration such as `15min`",
            ValueType::Percent => "a percentage such as `30%`",
            ValueType::Score => "an emotion score from -2 to +2",
            ValueType::Money => "an amount such as `4.50 EUR`",
            ValueType::Volume => "a volume such as `12000 / month`",
            ValueType::Bool => "`true` or `false`",
            ValueType::TextWithPercent => "a description and a chance, such as `\"Long hold time\" 10%`",
        }
    }

    /// An example value, for fixes and completion snippets.
    pub fn example(self) -> &'static str {
        match self {
            ValueType::Ref(_) | ValueType::RefList(_) | ValueType::Recovery => "id",
            ValueType::Text => "\"…\"",
            ValueType::TextList => "\"…\", \"…\"",
            ValueType::Number => "2",
            ValueType::Word => "web",
            ValueType::Duration => "15min",
            ValueType::Percent => "30%",
            ValueType::Score => "+1",
            ValueType::Money => "4.50 EUR",
            ValueType::Volume => "12000 / month",
            ValueType::Bool => "true",
            ValueType::TextWithPercent => "\"Long hold time\" 10%",
        }
    }
}

/// One field of one kind of item.
#[derive(Debug)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: ValueType,
    /// May be given more than once (`pain:` twice gives two pain points).
    pub repeatable: bool,
    pub doc: &'static str,
}

const fn f(name: &'static str, ty: ValueType, doc: &'static str) -> FieldSpec {
    FieldSpec { name, ty, repeatable: false, doc }
}

const fn many(name: &'static str, ty: ValueType, doc: &'static str) -> FieldSpec {
    FieldSpec { name, ty, repeatable: true, doc }
}

use RefKind as R;
use ValueType as V;

const DESCRIPTION: FieldSpec = f("description", V::Text, "A longer description, shown on hover and in reports.");
const OWNER: FieldSpec = f("owner", V::Text, "Who is responsible for it.");
const COMPETITOR: FieldSpec = f("competitor", V::Text, "Marks it as a competitor's, named here.");

static LANE: &[FieldSpec] = &[DESCRIPTION, OWNER];
static SYSTEM: &[FieldSpec] = &[
    DESCRIPTION,
    f("kind", V::Word, "What sort of system: erp, crm, accounting, facility, …"),
    OWNER,
    f("uses", V::RefList(R::System), "Systems this system depends on."),
    COMPETITOR,
];
static PROCEDURE: &[FieldSpec] = &[
    DESCRIPTION,
    f("lane", V::Ref(R::Lane), "The lane (department) that carries the procedure out, backstage."),
    f("uses", V::RefList(R::System), "Systems the procedure runs on."),
    f("kind", V::Word, "What sort of procedure: policy, process, rule, …"),
    OWNER,
    COMPETITOR,
];
static TOUCHPOINT: &[FieldSpec] = &[
    DESCRIPTION,
    f(
        "channel",
        V::Word,
        "The channel: phone, email, chat, branch, store, web, app, delivery, … (`journey explain J0307` lists them all).",
    ),
    f(
        "contact",
        V::Bool,
        "Whether a person answers here, when it differs from what the channel says (an automated text message: `false`).",
    ),
    f("lane", V::Ref(R::Lane), "The lane (department) that staffs the touchpoint, frontstage."),
    f("uses", V::RefList(R::System), "Systems the touchpoint works with."),
    f("supported_by", V::RefList(R::Procedure), "Procedures that back the touchpoint."),
    f("response", V::Duration, "The promised response time."),
    f("script", V::Text, "The conversation script followed at the touchpoint."),
    f("cost", V::Money, "The cost of one contact."),
    OWNER,
    COMPETITOR,
];
static SEGMENT: &[FieldSpec] = &[DESCRIPTION, f("share", V::Percent, "The segment's share of customers.")];
static EXPERIENCE: &[FieldSpec] =
    &[DESCRIPTION, f("segments", V::RefList(R::Segment), "The segments the experience is promised to.")];
static JOURNEY: &[FieldSpec] = &[
    DESCRIPTION,
    f("segments", V::RefList(R::Segment), "The segments that take this journey."),
    f("realizes", V::RefList(R::Experience), "The experiences this journey is meant to deliver."),
    f("volume", V::Volume, "How many customers take the journey, per period."),
    COMPETITOR,
    f("compares", V::Ref(R::Journey), "Our journey that this competitor journey is compared with."),
    OWNER,
];
static STAGE: &[FieldSpec] = &[DESCRIPTION, f("goal", V::Text, "What the customer wants from this stage.")];
static STEP: &[FieldSpec] = &[
    DESCRIPTION,
    f(
        "at",
        V::Ref(R::Touchpoint),
        "The touchpoint where the step happens (also written `step id \"Label\" at touchpoint`).",
    ),
    f(
        "staff",
        V::Text,
        "What contact staff do at this step, in front of the customer: the blueprint's frontstage action.",
    ),
    f("emotion", V::Score, "How the customer feels at this step, from -2 to +2."),
    f("duration", V::Duration, "How long the step takes the customer."),
    f("cost", V::Money, "What the step costs the organisation."),
    many("pain", V::Text, "A pain point the customer feels at this step."),
    many("evidence", V::Text, "Physical evidence the customer sees: an e-mail, a receipt, a page, a place."),
    many("risk", V::TextWithPercent, "A short-form risk: what can go wrong and how likely it is."),
    f(
        "actors",
        V::TextList,
        "The people who take part in the step (the customer, a companion, a clerk): names, not references.",
    ),
    f(
        "logged_as",
        V::TextList,
        "The activities of an event log that record this step (`journey fit`); by default its id or its label.",
    ),
    f("via", V::RefList(R::Procedure), "Backstage procedures the step sets off."),
    f("segments", V::RefList(R::Segment), "Only these segments take the step."),
    f("intent", V::Word, "What the customer wants done; steps with the same intent serve the same need."),
    f("entry", V::Percent, "The share of customers who start the journey at this step."),
    f("end", V::Bool, "The journey may end at this step."),
    f(
        "alone",
        V::Bool,
        "`true`: the customer takes this step on their own, at no touchpoint (reading a letter at home, waiting for a parcel).",
    ),
];
static RISK: &[FieldSpec] = &[
    DESCRIPTION,
    f("chance", V::Percent, "How likely the risk is at its step."),
    f("recovery", V::Recovery, "The step of this journey, or the procedure, that recovers from it."),
    f("emotion", V::Score, "How the customer feels when it happens."),
];
static SCENARIO: &[FieldSpec] = &[DESCRIPTION];

/// The fields of a kind of item.
pub fn fields(kind: ItemKind) -> &'static [FieldSpec] {
    match kind {
        ItemKind::Lane => LANE,
        ItemKind::System => SYSTEM,
        ItemKind::Procedure => PROCEDURE,
        ItemKind::Touchpoint => TOUCHPOINT,
        ItemKind::Segment => SEGMENT,
        ItemKind::Experience => EXPERIENCE,
        ItemKind::Journey => JOURNEY,
        ItemKind::Stage => STAGE,
        ItemKind::Step => STEP,
        ItemKind::Risk => RISK,
        ItemKind::Scenario => SCENARIO,
    }
}

pub fn field(kind: ItemKind, name: &str) -> Option<&'static FieldSpec> {
    fields(kind).iter().find(|spec| spec.name == name)
}

/// The measurable targets an experience can set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    Steps,
    Contacts,
    Duration,
    Waiting,
    Cost,
    Emotion,
    Switches,
    Handoffs,
    Pains,
    Risk,
    Effort,
}

impl Metric {
    /// Every figure, in the order reports list them: its name in targets, the type of a
    /// target's bound, and what it is (the reference's "Figures" section defines each).
    pub const ALL: [(Metric, &'static str, ValueType, &'static str); 11] = [
        (Metric::Steps, "steps", V::Number, "expected steps taken per customer"),
        (Metric::Contacts, "contacts", V::Number, "expected contacts per customer"),
        (Metric::Duration, "duration", V::Duration, "expected time the journey takes"),
        (Metric::Waiting, "waiting", V::Duration, "expected time waiting for an answer at contacts"),
        (Metric::Cost, "cost", V::Money, "expected cost per customer"),
        (Metric::Emotion, "emotion", V::Score, "expected emotion over the steps taken"),
        (Metric::Switches, "switches", V::Number, "expected channel switches"),
        (Metric::Handoffs, "handoffs", V::Number, "expected hand-offs between lanes"),
        (Metric::Pains, "pains", V::Number, "expected pain points met"),
        (Metric::Risk, "risk", V::Percent, "probability of meeting at least one risk"),
        (Metric::Effort, "effort", V::Number, "expected customer effort"),
    ];

    pub fn find(name: &str) -> Option<(Metric, ValueType)> {
        Metric::ALL.iter().find(|(_, n, _, _)| *n == name).map(|&(m, _, ty, _)| (m, ty))
    }

    /// The figure as a phrase: "the expected {describe} is …".
    pub fn describe(self) -> &'static str {
        match self {
            Metric::Steps => "number of steps taken",
            Metric::Contacts => "number of contacts",
            Metric::Duration => "duration",
            Metric::Waiting => "waiting at contacts",
            Metric::Pains => "number of pain points met",
            Metric::Emotion => "emotion",
            Metric::Cost => "cost",
            Metric::Effort => "customer effort",
            Metric::Handoffs => "number of hand-offs",
            Metric::Switches => "number of channel switches",
            Metric::Risk => "chance of meeting a risk",
        }
    }

    pub fn name(self) -> &'static str {
        Metric::ALL.iter().find(|(m, _, _, _)| *m == self).map_or("", |&(_, n, _, _)| n)
    }
}

/// Which items may stand directly inside which. `None` is the top of a file.
pub fn may_contain(parent: Option<ItemKind>, child: ItemKind) -> bool {
    ItemKind::may_contain(parent, child)
}
