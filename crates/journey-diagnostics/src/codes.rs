//! The one table of diagnostic codes. A code is never reused: a retired rule keeps its row.
//! Each code has a kebab-case name that says what pattern it flags, a default level, and a
//! Markdown explanation (in `explain/`) served by `journey explain`.

use serde::{Serialize, Serializer};

/// How a rule is configured: not reported, reported as a warning, or reported as an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub fn severity(self) -> Option<crate::Severity> {
        match self {
            Level::Allow => None,
            Level::Warn => Some(crate::Severity::Warning),
            Level::Deny => Some(crate::Severity::Error),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// What the table knows of one code.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: Code,
    /// `J0201`
    pub id: &'static str,
    /// `unknown-reference`
    pub name: &'static str,
    pub default: Level,
    /// Whether `journey.toml` may change the level. Mistakes that leave the model meaningless
    /// (a syntax error, an unknown name) are always errors.
    pub configurable: bool,
    /// One line, used in SARIF and listings.
    pub summary: &'static str,
    /// The Markdown text printed by `journey explain`.
    pub explanation: &'static str,
}

macro_rules! codes {
    ($($variant:ident = $id:literal $name:literal $level:ident $conf:literal $summary:literal;)*) => {
        /// A diagnostic code. The discriminant order is the table order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        static TABLE: &[RuleInfo] = &[
            $(RuleInfo {
                code: Code::$variant,
                id: $id,
                name: $name,
                default: Level::$level,
                configurable: $conf,
                summary: $summary,
                explanation: include_str!(concat!("../explain/", $id, ".md")),
            }),*
        ];
    };
}

codes! {
    SyntaxError = "J0001" "syntax-error" Deny false "The text does not follow the journey grammar.";
    InvalidToken = "J0002" "invalid-token" Deny false "A character, string or number that the lexer cannot read.";
    InvalidUtf8 = "J0003" "invalid-utf8" Deny false "The file is not UTF-8 text.";
    FileTooLarge = "J0004" "file-too-large" Deny false "The file is larger than journey reads.";
    NestingTooDeep = "J0005" "nesting-too-deep" Deny false "Braces are nested deeper than any journey model needs.";
    ImportsTooDeep = "J0006" "imports-too-deep" Deny false "Imports are chained deeper than journey follows.";
    TextTooLong = "J0007" "text-too-long" Deny false "A string or a name is longer than journey reads.";
    TooManyItems = "J0008" "too-many-items" Deny false "The workspace declares more items than journey checks.";
    WorkspaceTooLarge = "J0009" "workspace-too-large" Deny false "The workspace's files add up to more than journey reads.";
    ImportNotFound = "J0101" "import-not-found" Deny false "An import names a file that cannot be read.";
    ImportCycle = "J0102" "import-cycle" Deny false "Files import each other in a cycle.";
    ImportOutsideWorkspace = "J0103" "import-outside-workspace" Deny false "An import reaches outside the workspace root.";
    UnknownReference = "J0201" "unknown-reference" Deny false "A reference names nothing that is declared.";
    DuplicateId = "J0202" "duplicate-id" Deny false "Two declarations share an id in the same scope.";
    WrongKindReference = "J0203" "wrong-kind-reference" Deny false "A reference names an item of the wrong kind.";
    UnknownField = "J0301" "unknown-field" Deny false "A field that the item does not have.";
    InvalidValue = "J0302" "invalid-value" Deny false "A value of the wrong type or unit for its field.";
    ValueOutOfRange = "J0303" "value-out-of-range" Deny false "A value outside the range its field allows.";
    DuplicateField = "J0304" "duplicate-field" Deny false "A field given twice in one item.";
    MisplacedItem = "J0305" "misplaced-item" Deny false "An item declared where it cannot stand.";
    ConflictingFields = "J0306" "conflicting-fields" Deny false "Two fields of one item contradict each other.";
    UnknownChannel = "J0307" "unknown-channel" Deny true "A touchpoint's channel is not in the vocabulary, so whether a person answers there is unknown.";
    FlowSharesNot100 = "J0401" "flow-shares-not-100" Deny true "A step's outgoing flow percentages do not add up to 100 %.";
    UnreachableStep = "J0402" "unreachable-step" Warn true "No path from the journey's entry reaches the step.";
    DeadEnd = "J0403" "dead-end" Warn true "A step that is not final has no way on.";
    LoopWithoutExit = "J0404" "loop-without-exit" Deny true "Customers who enter a loop can never leave it.";
    EntrySharesNot100 = "J0405" "entry-shares-not-100" Deny true "The journey's entry percentages do not add up to 100 %.";
    SegmentSharesNot100 = "J0406" "segment-shares-not-100" Deny true "The shares of a journey's segments do not add up to 100 %.";
    SegmentShareMissing = "J0407" "segment-share-missing" Warn true "A journey's segments walk different steps, but not all of them have a share.";
    SegmentOutsideJourney = "J0408" "segment-outside-journey" Deny false "A step is for a segment its journey does not take.";
    StepWithoutTouchpoint = "J0501" "step-without-touchpoint" Deny false "A step says neither where it happens nor that the customer takes it alone.";
    UnbackedTouchpoint = "J0502" "unbacked-touchpoint" Warn true "A touchpoint is backed by no procedure or system.";
    UnrealizedExperience = "J0503" "unrealized-experience" Warn true "No journey realizes an experience.";
        UnusedDeclaration = "J0504" "unused-declaration" Warn true "A lane, segment, system, procedure or touchpoint nothing uses.";
    ExperienceTargetMissed = "J0505" "experience-target-missed" Deny true "A journey misses a target of an experience it realizes.";
    UnmeasuredJourney = "J0506" "unmeasured-journey" Warn true "A journey's figures cannot be computed, so the targets it realizes are not checked.";
    ActivityClaimedTwice = "J0507" "activity-claimed-twice" Warn true "Two steps of a journey record the same event-log activity; the first one written keeps it.";
    OverrideOfMissingItem = "J0601" "override-of-missing-item" Deny false "A scenario changes or removes something the baseline does not have.";
    TooManyHandoffs = "J0701" "too-many-handoffs" Warn true "A path through the journey passes between lanes too often.";
    TooManyChannelSwitches = "J0702" "too-many-channel-switches" Warn true "A path through the journey changes channel too often.";
    RiskWithoutRecovery = "J0703" "risk-without-recovery" Warn true "A declared risk has no recovery path.";
    RiskWithoutChance = "J0704" "risk-without-chance" Warn true "A risk does not say how likely it is, so the chance of meeting a risk is unknown.";
    InvalidConfig = "J0801" "invalid-config" Deny false "journey.toml has an unknown key or a bad value.";
    NotImportable = "J0901" "not-importable" Deny false "The input is not a Mermaid journey or a journey-map spreadsheet that journey can read.";
    UnknownImportInput = "J0902" "unknown-import-input" Warn false "The importer does not understand a line or a column; it is kept as a comment.";
    InvalidImportValue = "J0903" "invalid-import-value" Warn false "The importer cannot read a value, or two rows contradict each other.";
    MissingImportValue = "J0904" "missing-import-value" Warn false "The input lacks something the model needs: fill it in.";
    NotAFile = "J0010" "not-a-file" Deny false "A path names a folder, a FIFO, a device or a socket where journey reads a file.";
    DrawingTooDense = "J1001" "drawing-too-dense" Warn true "A drawing leaves flows out: more than can be drawn legibly.";
    EvidenceShareOff = "J1101" "evidence-share-off" Warn true "An event log shows a flow's share well away from the modelled one.";
    EvidencePromiseBroken = "J1102" "evidence-promise-broken" Warn true "An event log shows customers getting less than an experience promises.";
    EvidenceUnmodelledPath = "J1103" "evidence-unmodelled-path" Warn true "Customers in an event log often go from one step to another the model does not lead to.";
    EvidenceUnmappedActivity = "J1104" "evidence-unmapped-activity" Warn true "An activity of an event log is recorded by no step of the journey.";
    EvidenceStepNeverTaken = "J1105" "evidence-step-never-taken" Warn true "No case of an event log takes a step of the journey.";
    EvidenceTooThin = "J1106" "evidence-too-thin" Warn true "An event log has too few cases of a journey to judge it.";
    LogProblem = "J1107" "log-problem" Warn true "An event log has rows journey cannot read, or reads with a caveat.";
    EvidenceDrift = "J1108" "evidence-drift" Warn true "A flow's share in an event log changed from one time window to the next.";
}

impl Code {
    pub fn info(self) -> &'static RuleInfo {
        // The table is built by the same macro as the enum, in the same order.
        &TABLE[self as usize]
    }

    pub fn all() -> &'static [RuleInfo] {
        TABLE
    }

    /// Looks a code up by its id (`J0201`, case-insensitive) or its name (`unknown-reference`).
    pub fn find(key: &str) -> Option<Code> {
        TABLE.iter().find(|info| info.id.eq_ignore_ascii_case(key) || info.name == key).map(|info| info.code)
    }

    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order_with_unique_ids_and_names() {
        let mut ids = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for (index, info) in TABLE.iter().enumerate() {
            assert_eq!(info.code as usize, index);
            assert!(ids.insert(info.id), "duplicate id {}", info.id);
            assert!(names.insert(info.name), "duplicate name {}", info.name);
            assert!(info.explanation.starts_with(&format!("# {} {}", info.id, info.name)), "{}", info.id);
        }
    }

    /// The language reference's table of codes lists every code, as the table here has it.
    #[test]
    fn the_reference_lists_every_code() {
        let reference = include_str!("../../../grammar/README.md");
        let table = reference.split("## Diagnostic codes").nth(1).expect("the reference has a table of codes");
        let rows: Vec<&str> = table.lines().filter(|l| l.starts_with("| [J")).collect();
        assert_eq!(rows.len(), TABLE.len(), "the reference lists {} codes, the table {}", rows.len(), TABLE.len());
        for info in TABLE {
            let level = match (info.default, info.configurable) {
                (Level::Deny, false) => "error",
                (level, _) => level.as_str(),
            };
            let row = format!(
                "| [{0}](../crates/journey-diagnostics/explain/{0}.md) | {1} | {level} | {2}",
                info.id,
                info.name,
                if info.configurable { "yes" } else { "no" }
            );
            assert!(rows.iter().any(|r| r.starts_with(&row)), "the reference's row for {}: {row}", info.id);
        }
    }

    #[test]
    fn find_by_id_or_name() {
        assert_eq!(Code::find("j0201"), Some(Code::UnknownReference));
        assert_eq!(Code::find("dead-end"), Some(Code::DeadEnd));
        assert_eq!(Code::find("J9999"), None);
    }
}
