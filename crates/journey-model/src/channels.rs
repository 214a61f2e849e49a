//! Channels and what they mean. A touchpoint's `channel:` is a word from a documented
//! vocabulary (or one the team declares under `[channels]` in `journey.toml`), and each channel
//! says whether a person answers there: a step at such a touchpoint is a **contact**. A
//! touchpoint may say otherwise with `contact:` (an automated text message on an assisted
//! channel is no contact). A word outside the vocabulary is reported with a did-you-mean, so a
//! misspelling can never silently turn a phone call into no contact.

use journey_diagnostics::{Code, Diagnostic};

use crate::config::Config;
use crate::ir::{Model, Touchpoint};
use crate::suggest::closest;

/// Whether a person answers at a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Someone of the organisation deals with the customer: a step here is a contact.
    Contact,
    /// The customer serves themselves, or a thing is delivered: no contact.
    SelfService,
}

impl Kind {
    pub fn parse(word: &str) -> Option<Kind> {
        match word {
            "contact" => Some(Kind::Contact),
            "self-service" => Some(Kind::SelfService),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contact => "contact",
            Kind::SelfService => "self-service",
        }
    }
}

/// The built-in channels: the word, whether a person answers, and what it is.
pub const VOCABULARY: &[(&str, Kind, &str)] = &[
    ("phone", Kind::Contact, "a call with a person (a call centre, a help line)"),
    ("email", Kind::Contact, "e-mail answered by a person"),
    ("mail", Kind::Contact, "post: letters and forms, read and answered by staff"),
    ("letter", Kind::Contact, "a letter written to or by staff"),
    ("chat", Kind::Contact, "a chat with an agent"),
    ("social", Kind::Contact, "social media answered by staff"),
    ("sms", Kind::Contact, "text messages answered by a person"),
    ("video", Kind::Contact, "a video call with a person"),
    ("branch", Kind::Contact, "a branch or office with staff"),
    ("store", Kind::Contact, "a shop with staff"),
    ("counter", Kind::Contact, "a service counter or front desk"),
    ("in_person", Kind::Contact, "a meeting face to face"),
    ("visit", Kind::Contact, "staff visiting the customer: a technician, an adviser"),
    ("web", Kind::SelfService, "a website the customer uses on their own"),
    ("app", Kind::SelfService, "a mobile app"),
    ("portal", Kind::SelfService, "a customer portal or self-service account"),
    ("kiosk", Kind::SelfService, "a self-service terminal"),
    ("atm", Kind::SelfService, "a cash machine"),
    ("ivr", Kind::SelfService, "an automated phone menu"),
    ("delivery", Kind::SelfService, "something delivered: a parcel, a letter from a system"),
    ("self_service", Kind::SelfService, "any other channel where the customer serves themselves"),
];

/// What the vocabulary (and the team's additions) says of a channel word.
pub fn kind_of(config: &Config, channel: &str) -> Option<Kind> {
    config
        .channels
        .iter()
        .find(|(word, _)| word == channel)
        .map(|(_, kind)| *kind)
        .or_else(|| VOCABULARY.iter().find(|(word, _, _)| *word == channel).map(|(_, kind, _)| *kind))
}

/// Decides whether each touchpoint is a place of contact, and reports channel words outside the
/// vocabulary (J0307). A touchpoint's `contact:` decides where it is written; a touchpoint with
/// no channel, or an unknown one, is left undecided (not a contact, and said so by the figures).
pub fn resolve(model: &mut Model, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for touchpoint in &mut model.touchpoints {
        let known = touchpoint.channel.as_deref().and_then(|c| kind_of(config, c));
        if let (Some(channel), None) = (&touchpoint.channel, known) {
            out.push(unknown_channel(touchpoint, channel, config));
        }
        touchpoint.contact = touchpoint.contact_field.or(known.map(|k| k == Kind::Contact));
    }
    out
}

fn unknown_channel(touchpoint: &Touchpoint, channel: &str, config: &Config) -> Diagnostic {
    let span = touchpoint.channel_span.unwrap_or(touchpoint.decl.name_span);
    let words: Vec<&str> =
        config.channels.iter().map(|(w, _)| w.as_str()).chain(VOCABULARY.iter().map(|(w, _, _)| *w)).collect();
    let mut d = Diagnostic::new(
        Code::UnknownChannel,
        span,
        format!(
            "`{channel}` is not a channel journey knows, so whether a person answers at `{}` is unknown",
            touchpoint.decl.id
        ),
    )
    .with_label("unknown channel");
    match closest(channel, words.iter().copied()) {
        Some(s) => {
            d = d.with_fix(format!("use `{s}`"), span, s).with_help(format!("did you mean `{s}`?"));
        }
        None => {
            d = d.with_help(format!(
                "use a channel of the vocabulary (`journey explain J0307` lists them), or declare it in journey.toml: `[channels]` `{channel} = \"contact\"` or `\"self-service\"`"
            ));
        }
    }
    d
}
