//! Reading the values people write in spreadsheets: emotions (scores, words in a few
//! languages, faces), durations with their units in a few languages, and numbers with a
//! decimal point or comma.

/// A number as people write it: `+1`, `-2`, `1.5`, `1,5`, `−1` (a minus sign).
pub fn number(text: &str) -> Option<f64> {
    let text = text.trim().replace('−', "-").replace(',', ".");
    let digits = text.strip_prefix('+').unwrap_or(&text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
        return None;
    }
    digits.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Words and faces for feelings, on the scale −2..+2.
const FEELINGS: &[(f64, &[&str])] = &[
    (
        2.0,
        &[
            "very happy",
            "delighted",
            "excited",
            "love",
            "loved",
            "great",
            "excellent",
            "ecstatic",
            "very good",
            "very positive",
            "sehr gut",
            "begeistert",
            "sehr zufrieden",
            "ravi",
            "très content",
            "excellent",
            "encantado",
            "muy contento",
            "muy bien",
            "zeer blij",
            "enthousiast",
            "😍",
            "🤩",
            "😁",
            "😄",
            "😃",
        ],
    ),
    (
        1.0,
        &[
            "happy",
            "positive",
            "good",
            "pleased",
            "satisfied",
            "glad",
            "content",
            "zufrieden",
            "gut",
            "positiv",
            "froh",
            "satisfait",
            "bien",
            "positif",
            "heureux",
            "contento",
            "bueno",
            "feliz",
            "positivo",
            "satisfecho",
            "tevreden",
            "goed",
            "blij",
            "positief",
            "soddisfatto",
            "felice",
            "🙂",
            "😊",
            "😀",
            "👍",
        ],
    ),
    (
        0.0,
        &[
            "neutral",
            "ok",
            "okay",
            "fine",
            "meh",
            "indifferent",
            "mixed",
            "neutre",
            "neutro",
            "neutraal",
            "normal",
            "😐",
            "😶",
        ],
    ),
    (
        -1.0,
        &[
            "unhappy",
            "negative",
            "bad",
            "frustrated",
            "frustrating",
            "annoyed",
            "confused",
            "anxious",
            "sad",
            "worried",
            "disappointed",
            "unzufrieden",
            "schlecht",
            "negativ",
            "frustriert",
            "verärgert",
            "mécontent",
            "frustré",
            "négatif",
            "triste",
            "mal",
            "malo",
            "frustrado",
            "negativo",
            "ontevreden",
            "slecht",
            "negatief",
            "gefrustreerd",
            "insoddisfatto",
            "🙁",
            "😕",
            "😟",
            "☹",
            "☹️",
            "👎",
        ],
    ),
    (
        -2.0,
        &[
            "very unhappy",
            "angry",
            "furious",
            "terrible",
            "awful",
            "hate",
            "very bad",
            "very negative",
            "horrible",
            "wütend",
            "sehr schlecht",
            "sehr unzufrieden",
            "furieux",
            "très mécontent",
            "enojado",
            "furioso",
            "muy mal",
            "boos",
            "woedend",
            "arrabbiato",
            "😠",
            "😡",
            "😞",
            "😢",
            "😭",
        ],
    ),
];

/// A feeling written as a word or a face, on the scale −2..+2.
pub fn feeling(text: &str) -> Option<f64> {
    let key = text.trim().trim_end_matches(['!', '.']).trim().to_lowercase();
    FEELINGS.iter().find(|(_, words)| words.contains(&key.as_str())).map(|(score, _)| *score)
}

/// The channel words journey's figures know (a contact is a step at a channel with a person
/// answering), each with what people write for it in a few languages.
const CHANNELS: &[(&str, &[&str])] = &[
    (
        "web",
        &["web", "website", "web site", "online", "internet", "site web", "site", "webshop", "web shop", "sitio web"],
    ),
    ("app", &["app", "mobile app", "application", "aplicación", "applicazione", "aplicativo"]),
    (
        "phone",
        &[
            "phone",
            "telephone",
            "call",
            "call centre",
            "call center",
            "hotline",
            "telefon",
            "téléphone",
            "teléfono",
            "telefoon",
            "telefono",
            "telefone",
        ],
    ),
    ("email", &["email", "e-mail", "e mail", "courriel", "correo", "correo electrónico", "posta elettronica"]),
    ("mail", &["mail", "letter", "post", "brief", "courrier", "lettre", "carta", "correo postal", "posta"]),
    ("chat", &["chat", "live chat", "chatbot", "messenger"]),
    (
        "social",
        &[
            "social",
            "social media",
            "soziale medien",
            "réseaux sociaux",
            "redes sociales",
            "sociale media",
            "social network",
        ],
    ),
    ("branch", &["branch", "filiale", "agence", "sucursal", "agencia", "filiaal", "kantoor", "agência"]),
    ("store", &["store", "shop", "laden", "geschäft", "magasin", "boutique", "tienda", "winkel", "negozio", "loja"]),
    ("delivery", &["delivery", "lieferung", "zustellung", "livraison", "entrega", "levering", "consegna"]),
    (
        "in_person",
        &[
            "in person",
            "in-person",
            "face to face",
            "face-to-face",
            "persönlich",
            "vor ort",
            "en personne",
            "en persona",
            "presencial",
            "persoonlijk",
            "di persona",
            "pessoalmente",
        ],
    ),
    ("video", &["video", "video call", "vidéo", "vídeo", "videollamada"]),
    ("sms", &["sms", "text", "text message", "texto"]),
];

/// The channel word for what people wrote, when it is one journey's figures know.
pub fn channel(text: &str) -> Option<&'static str> {
    let key = text.trim().to_lowercase();
    CHANNELS.iter().find(|(_, words)| words.contains(&key.as_str())).map(|(word, _)| *word)
}

/// The language's duration units, each with the words people write for it.
const UNITS: &[(&str, &[&str])] = &[
    (
        "s",
        &[
            "s", "sec", "secs", "second", "seconds", "sek", "sekunde", "sekunden", "seconde", "secondes", "segundo",
            "segundos", "seconden", "secondi",
        ],
    ),
    ("min", &["m", "min", "mins", "minute", "minutes", "minuten", "minuto", "minutos", "minuut", "minuti", "mn"]),
    (
        "h",
        &[
            "h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden", "heure", "heures", "hora", "horas", "uur",
            "ora", "ore",
        ],
    ),
    (
        "d",
        &[
            "d", "day", "days", "tag", "tage", "tagen", "jour", "jours", "día", "días", "dia", "dias", "dag", "dagen",
            "giorno", "giorni",
        ],
    ),
    (
        "w",
        &[
            "w",
            "wk",
            "wks",
            "week",
            "weeks",
            "woche",
            "wochen",
            "semaine",
            "semaines",
            "semana",
            "semanas",
            "weken",
            "settimana",
            "settimane",
        ],
    ),
];

/// The language's unit for a word people write for one.
pub fn unit(word: &str) -> Option<&'static str> {
    let word = word.trim().trim_end_matches('.').to_lowercase();
    UNITS.iter().find(|(_, words)| words.contains(&word.as_str())).map(|(unit, _)| *unit)
}

/// A duration as the language writes it (`15min`, `1.5h`), from `15 min`, `1,5 hours`,
/// `3 Tage` or `1:30` (hours and minutes); a plain number takes `default_unit`.
pub fn duration(text: &str, default_unit: Option<&'static str>) -> Option<String> {
    let text = text.trim();
    if let Some((hours, minutes)) = text.split_once(':') {
        let (h, m) = (hours.trim().parse::<u32>().ok()?, minutes.trim().parse::<u32>().ok()?);
        if m >= 60 || minutes.trim().len() != 2 {
            return None;
        }
        return Some(written(f64::from(h) * 60.0 + f64::from(m), "min"));
    }
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(text.len());
    let (amount, rest) = text.split_at(split);
    let amount = number(amount).filter(|v| *v >= 0.0)?;
    let unit = if rest.trim().is_empty() { default_unit? } else { unit(rest)? };
    Some(written(amount, unit))
}

/// An amount and a unit as one literal, with at most two decimals.
fn written(amount: f64, unit: &str) -> String {
    let hundredths = (amount * 100.0).round() as u64;
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => format!("{whole}{unit}"),
        f if f % 10 == 0 => format!("{whole}.{}{unit}", f / 10),
        f => format!("{whole}.{f:02}{unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_in_several_languages() {
        assert_eq!(channel("Telefon"), Some("phone"));
        assert_eq!(channel("E-Mail"), Some("email"));
        assert_eq!(channel("en personne"), Some("in_person"));
        assert_eq!(channel("carrier pigeon"), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(number("+1"), Some(1.0));
        assert_eq!(number(" -2 "), Some(-2.0));
        assert_eq!(number("1,5"), Some(1.5));
        assert_eq!(number("−1"), Some(-1.0));
        assert_eq!(number("1e3"), None);
        assert_eq!(number("NaN"), None);
        assert_eq!(number(""), None);
    }

    #[test]
    fn feelings_in_words_and_faces() {
        assert_eq!(feeling("Happy!"), Some(1.0));
        assert_eq!(feeling("sehr gut"), Some(2.0));
        assert_eq!(feeling("frustré"), Some(-1.0));
        assert_eq!(feeling("😡"), Some(-2.0));
        assert_eq!(feeling("great?"), None);
    }

    #[test]
    fn durations_with_units_in_several_languages() {
        assert_eq!(duration("15 min", None).as_deref(), Some("15min"));
        assert_eq!(duration("1,5 Stunden", None).as_deref(), Some("1.5h"));
        assert_eq!(duration("3 días", None).as_deref(), Some("3d"));
        assert_eq!(duration("2 weeks", None).as_deref(), Some("2w"));
        assert_eq!(duration("1:30", None).as_deref(), Some("90min"));
        assert_eq!(duration("10", Some("min")).as_deref(), Some("10min"));
        assert_eq!(duration("10", None), None);
        assert_eq!(duration("10 parsecs", None), None);
        assert_eq!(duration("-3 min", None), None);
        assert_eq!(duration("0.333h", None).as_deref(), Some("0.33h"));
    }
}
