//! The generator's catalog: the lanes, systems, procedures, groups of touchpoints, segments,
//! experiences and rivals every workspace shares (written once as `catalog.journey`), and the
//! words its journeys are made of.

use std::fmt::Write as _;

pub const LANES: &[(&str, &str, &str)] = &[
    ("sales", "Sales", "Head of sales"),
    ("service", "Customer service", "Customer service manager"),
    ("digital", "Digital channels", "Head of digital"),
    ("warehouse", "Warehouse and logistics", "Logistics manager"),
    ("finance", "Finance", "Finance controller"),
    ("field_service", "Field service", "Field operations lead"),
    ("partners", "Partner network", "Partner manager"),
    ("compliance", "Compliance", "Money-laundering reporting officer"),
];

pub const SYSTEMS: &[(&str, &str, &str)] = &[
    ("crm", "CRM", "crm"),
    ("erp", "ERP", "erp"),
    ("shop_platform", "Shop platform", "ecommerce"),
    ("payment_hub", "Payment hub", "payments"),
    ("wms", "Warehouse management", "logistics"),
    ("helpdesk", "Helpdesk and knowledge base", "helpdesk"),
    ("telephony", "Telephony and call routing", "telephony"),
    ("billing", "Billing", "accounting"),
    ("field_scheduler", "Field service scheduler", "scheduling"),
    ("identity", "Identity service", "identity"),
    ("print_house", "Print and mail house", "print"),
    ("pos", "Point of sale", "pos"),
    ("carrier_link", "Carrier pick-up and tracking", "logistics"),
    ("stores", "Store buildings", "facility"),
];

/// id, label, lane index, kind.
pub const PROCEDURES: &[(&str, &str, usize, &str)] = &[
    ("returns_policy", "30-day returns, collected from home", 1, "policy"),
    ("refund_rules", "Refund within five days of inspection", 4, "rule"),
    ("id_check", "Identify the customer", 1, "process"),
    ("kyc_check", "Know-your-customer check", 7, "process"),
    ("fraud_screening", "Payment fraud screening", 7, "rule"),
    ("escalation", "Second line after 20 minutes", 1, "rule"),
    ("troubleshooting", "Troubleshooting guides", 1, "process"),
    ("delivery_slots", "Delivery slot booking", 3, "process"),
    ("stock_reservation", "Reserve stock for 48 hours", 3, "rule"),
    ("invoice_run", "Nightly invoice run", 4, "process"),
    ("dunning", "Reminder and dunning levels", 4, "policy"),
    ("warranty_rules", "Two-year warranty handling", 1, "policy"),
    ("installation_booking", "Book an installer within a week", 5, "process"),
    ("complaint_handling", "Complaints answered within two days", 1, "policy"),
    ("price_match", "Price match promise", 0, "policy"),
    ("loyalty_points", "Loyalty points on every order", 0, "rule"),
    ("data_protection", "Data protection requests", 7, "policy"),
    ("callback_promise", "Call back within the hour", 1, "rule"),
    ("damage_claims", "Transport damage claims", 3, "process"),
    ("repair_triage", "Repair triage at the depot", 5, "process"),
    ("partner_handover", "Hand-over to partner installers", 6, "process"),
    ("store_pickup", "Click and collect in store", 0, "process"),
];

/// A set of touchpoints that share a lane and a channel: the steps of one stage stay in one
/// group, so a journey changes lane and channel only between stages.
pub struct Group {
    pub lane: usize,
    pub channel: &'static str,
    pub touchpoints: &'static [(&'static str, &'static str)],
}

pub const GROUPS: &[Group] = &[
    Group {
        lane: 2,
        channel: "web",
        touchpoints: &[
            ("web_shop", "Web shop"),
            ("help_centre", "Help centre"),
            ("account_portal", "Customer account"),
        ],
    },
    Group {
        lane: 2,
        channel: "app",
        touchpoints: &[("mobile_app", "Mobile app"), ("app_wallet", "Wallet in the app")],
    },
    Group {
        lane: 1,
        channel: "phone",
        touchpoints: &[
            ("hotline", "Service hotline"),
            ("callback_line", "Call-back line"),
            ("voice_menu", "Phone menu"),
        ],
    },
    Group {
        lane: 1,
        channel: "email",
        touchpoints: &[("email_desk", "E-mail desk"), ("contact_form", "Contact form replies")],
    },
    Group { lane: 1, channel: "chat", touchpoints: &[("live_chat", "Live chat"), ("chatbot", "Chat assistant")] },
    Group {
        lane: 0,
        channel: "store",
        touchpoints: &[("store_counter", "Store counter"), ("showroom", "Showroom"), ("pickup_desk", "Pick-up desk")],
    },
    Group { lane: 0, channel: "phone", touchpoints: &[("sales_line", "Sales line")] },
    Group {
        lane: 3,
        channel: "delivery",
        touchpoints: &[
            ("courier", "Parcel delivery"),
            ("parcel_locker", "Parcel locker"),
            ("returns_depot", "Returns depot"),
        ],
    },
    Group {
        lane: 4,
        channel: "mail",
        touchpoints: &[("invoice_letter", "Invoices by post"), ("statements", "Statements")],
    },
    Group {
        lane: 5,
        channel: "in_person",
        touchpoints: &[("technician_visit", "Technician visit"), ("installer", "Installation appointment")],
    },
    Group { lane: 6, channel: "social", touchpoints: &[("social_care", "Social media care")] },
];

pub const SEGMENTS: &[(&str, &str, usize)] = &[
    ("newcomers", "New customers", 20),
    ("regulars", "Regular customers", 45),
    ("vip", "VIP customers", 5),
    ("business", "Small businesses", 15),
    ("students", "Students", 8),
    ("seniors", "Seniors", 7),
];

pub const EXPERIENCES: &[(&str, &str)] = &[
    ("effortless", "Buying feels effortless"),
    ("quick_help", "Help comes quickly"),
    ("fair_money", "Money matters are fair and clear"),
    ("kept_promise", "They do what they promised"),
    ("easy_exit", "Leaving is as easy as joining"),
    ("fixed_first_time", "Fixed the first time I ask"),
    ("no_surprises", "No surprises on the bill"),
    ("at_my_door", "Delivered when it suits me"),
];

/// A competitor: name, lane, system, and their touchpoints (id, label, channel).
type Rival = (&'static str, &'static str, &'static str, [(&'static str, &'static str, &'static str); 2]);

pub const RIVALS: &[Rival] = &[
    (
        "QuickFix",
        "rival_quickfix_team",
        "rival_quickfix_platform",
        [("rival_quickfix_app", "QuickFix app", "app"), ("rival_quickfix_store", "QuickFix store", "store")],
    ),
    (
        "ShopNow",
        "rival_shopnow_team",
        "rival_shopnow_platform",
        [("rival_shopnow_web", "ShopNow web shop", "web"), ("rival_shopnow_phone", "ShopNow hotline", "phone")],
    ),
];

pub fn catalog() -> String {
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "// The shared catalog: every journey file imports it. Declarations only.\n");
    let _ = writeln!(w, "// ---- Lanes ----\n");
    for (id, label, owner) in LANES {
        let _ = writeln!(w, "lane {id} \"{label}\" {{ owner: \"{owner}\" }}");
    }
    let _ = writeln!(w, "\n// ---- Systems, facilities included ----\n");
    for (i, (id, label, kind)) in SYSTEMS.iter().enumerate() {
        // A few systems depend on the CRM or the ERP.
        let uses = match i % 5 {
            2 => "  uses: crm",
            4 => "  uses: erp",
            _ => "",
        };
        let _ = writeln!(w, "system {id} \"{label}\" {{ kind: {kind}  owner: \"IT operations\"{uses} }}");
    }
    let _ = writeln!(w, "\n// ---- Procedures ----\n");
    for (i, (id, label, lane, kind)) in PROCEDURES.iter().enumerate() {
        let a = SYSTEMS[i % SYSTEMS.len()].0;
        let b = SYSTEMS[(i + 5) % SYSTEMS.len()].0;
        if i % 3 == 0 {
            let _ = writeln!(w, "/// {label}: written down for staff and built into {a}.");
        }
        let _ = writeln!(w, "procedure {id} \"{label}\" {{ lane: {}  uses: {a}, {b}  kind: {kind} }}", LANES[*lane].0);
    }
    let _ = writeln!(w, "\n// ---- Touchpoints ----\n");
    let mut n = 0;
    for group in GROUPS {
        for (id, label) in group.touchpoints {
            let system = SYSTEMS[(n * 3) % SYSTEMS.len()].0;
            let procedure = PROCEDURES[n % PROCEDURES.len()].0;
            let _ = writeln!(w, "touchpoint {id} \"{label}\" {{");
            let _ = writeln!(w, "  channel: {}", group.channel);
            let _ = writeln!(w, "  lane: {}", LANES[group.lane].0);
            let _ = writeln!(w, "  uses: {system}");
            let _ = writeln!(w, "  supported_by: {procedure}");
            if matches!(group.channel, "phone" | "chat" | "email") {
                let _ = writeln!(w, "  response: {}min", 1 + n % 7);
                let _ =
                    writeln!(w, "  script: \"Greet, find the customer by number, say \\\"thank you\\\" at the end\"");
                let _ = writeln!(w, "  cost: {}.{:02} EUR", 2 + n % 4, (n * 17) % 100);
            }
            let _ = writeln!(w, "}}");
            n += 1;
        }
    }
    // Procedures no touchpoint names are used through `via:` in the journeys.
    let _ = writeln!(w, "\n// ---- Segments ----\n");
    for (id, label, share) in SEGMENTS {
        let _ = writeln!(w, "segment {id} \"{label}\" {{ share: {share}% }}");
    }
    let _ = writeln!(w, "\n// ---- Experiences, designed first ----\n");
    // The bounds are loose enough for every generated journey to keep them (hand-offs and
    // switches stay at 3 or fewer by construction; the bound is 4 so that a sum of shares that
    // comes to 3.0000000001 does not miss), so that the metrics of every journey are computed
    // and checked (J0505) without a miss to report.
    for (i, (id, label)) in EXPERIENCES.iter().enumerate() {
        let _ = writeln!(w, "experience {id} \"{label}\" {{");
        let _ = writeln!(w, "  segments: {}, {}", SEGMENTS[i % SEGMENTS.len()].0, SEGMENTS[(i + 1) % SEGMENTS.len()].0);
        let _ = writeln!(w, "  contacts <= {}", 60 + i);
        let _ = writeln!(w, "  emotion >= -2");
        let _ = writeln!(w, "  duration <= {}w", 52 + i);
        if i % 2 == 0 {
            let _ = writeln!(w, "  cost <= {}.50 EUR", 5000 + i);
            let _ = writeln!(w, "  risk <= 100%");
            let _ = writeln!(w, "  effort <= {}", 150 + i);
        } else {
            let _ = writeln!(w, "  handoffs <= 4");
            let _ = writeln!(w, "  switches <= 4");
        }
        let _ = writeln!(w, "}}");
    }
    let _ = writeln!(w, "\n// ---- Competitors ----\n");
    for (name, lane, system, touchpoints) in RIVALS {
        let _ = writeln!(w, "lane {lane} \"{name} staff\" {{ description: \"As far as we can see it from outside\" }}");
        let _ = writeln!(w, "system {system} \"{name} platform\" {{ kind: ecommerce  competitor: \"{name}\" }}");
        for (id, label, channel) in touchpoints {
            let _ = writeln!(
                w,
                "touchpoint {id} \"{label}\" {{ channel: {channel}  lane: {lane}  uses: {system}  competitor: \"{name}\" }}"
            );
        }
    }
    s
}

// ---- Journeys ----

pub const VERBS: &[&str] = &[
    "browse", "compare", "ask", "order", "pay", "confirm", "track", "receive", "return", "complain", "rate", "book",
    "cancel", "renew", "check", "upload", "sign", "collect", "report", "chase", "install", "register", "update",
    "claim", "review",
];
pub const OBJECTS: &[&str] = &[
    "catalog",
    "prices",
    "stock",
    "order",
    "invoice",
    "delivery",
    "parcel",
    "refund",
    "contract",
    "appointment",
    "warranty",
    "account",
    "password",
    "address",
    "payment",
    "voucher",
    "repair",
    "device",
    "receipt",
    "complaint",
    "subscription",
];
pub const LABEL_VERBS: &[&str] = &[
    "Browse",
    "Compare",
    "Ask about",
    "Order",
    "Pay for",
    "Confirm",
    "Track",
    "Receive",
    "Return",
    "Complain about",
    "Rate",
    "Book",
    "Cancel",
    "Renew",
    "Check",
    "Upload",
    "Sign",
    "Collect",
    "Report",
    "Chase",
    "Install",
    "Register",
    "Update",
    "Claim",
    "Review",
];
pub const PAINS: &[&str] = &[
    "The page has no size chart",
    "Long hold time before anyone answers",
    "Has to type the order number twice",
    "No one says when the parcel comes",
    "The form asks for a \\\"reference\\\" nobody gave",
    "Opening hours end at four",
    "Two letters say different things",
    "The refund takes longer than the purchase",
    "The app logs out in the middle of the payment",
];
pub const EVIDENCE: &[&str] = &[
    "Order confirmation e-mail",
    "Tracking text message",
    "Printed receipt",
    "Return label",
    "Invoice letter",
    "Appointment reminder",
    "Welcome pack",
    "Refund notice in the app",
];
pub const INTENTS: &[&str] = &["enquiry", "status", "complaint", "change", "purchase", "cancellation"];
pub const RISKS: &[(&str, &str)] = &[
    ("declined", "Payment declined"),
    ("lost", "Parcel lost on the way"),
    ("no_show", "Technician does not come"),
    ("wrong_item", "Wrong item in the parcel"),
    ("timeout", "Session times out"),
    ("mismatch", "Identity not confirmed"),
    ("double_charge", "Charged twice"),
];
pub const TOPICS: &[(&str, &str)] = &[
    ("order", "Order a product"),
    ("return", "Return an item"),
    ("repair", "Get a device repaired"),
    ("install", "Have it installed"),
    ("subscribe", "Take out a subscription"),
    ("cancel", "Cancel a contract"),
    ("complain", "Complain about a delivery"),
    ("pay", "Pay an invoice"),
    ("move", "Move to a new address"),
    ("upgrade", "Upgrade the plan"),
];
pub const STAGES: &[(&str, &str, &str)] = &[
    ("research", "Research", "Find out what fits"),
    ("decide", "Decide", "Choose with confidence"),
    ("buy", "Purchase", "Pay without surprises"),
    ("wait", "Waiting", "Know what happens next"),
    ("use", "Use", "Get value from it"),
    ("after", "After-sales", "Be put right when it goes wrong"),
];
pub const EMOTIONS: &[&str] = &["-2", "-1", "-0.5", "0", "+0.5", "+1", "+2", "1"];
pub const DURATIONS: &[&str] = &["30s", "2min", "5min", "12min", "45min", "1h", "3h", "1d", "2d", "1w"];
