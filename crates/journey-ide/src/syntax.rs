//! Small walks over a syntax tree that several features share: the items around an offset and
//! the member under it.

use journey_syntax::ast::{File, Item, Member};

/// What stands at an offset, from the outermost item inwards.
pub(crate) struct Path<'a> {
    /// The items whose span contains the offset, outermost first.
    pub items: Vec<&'a Item>,
    /// The member of the innermost item under the offset, if any.
    pub member: Option<&'a Member>,
}

/// The items and the member at `offset`.
pub(crate) fn path_at(file: &File, offset: u32) -> Path<'_> {
    let mut items = Vec::new();
    let mut member = None;
    let mut level: &[Item] = &file.items;
    let mut members: Option<&[Member]> = None;
    loop {
        let found = match members {
            None => level.iter().find(|item| contains(item.span, offset)),
            Some(list) => {
                let hit = list.iter().find(|m| contains(member_span(m), offset));
                member = hit;
                match hit {
                    Some(Member::Item(item)) => Some(&**item),
                    _ => None,
                }
            }
        };
        let Some(item) = found else { break };
        items.push(item);
        member = None;
        level = &[];
        members = Some(item.members());
    }
    Path { items, member }
}

fn contains(span: journey_diagnostics::Span, offset: u32) -> bool {
    span.start <= offset && offset <= span.end
}

pub(crate) fn member_span(member: &Member) -> journey_diagnostics::Span {
    match member {
        Member::Field(f) => f.span,
        Member::Item(i) => i.span,
        Member::Flow(f) => f.span,
        Member::Target(t) => t.span,
        Member::Removal(r) => r.span,
        Member::Error(span) => *span,
    }
}

/// Every item of a file, nested ones included, parents before children.
pub(crate) fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
    for item in items {
        out.push(item);
        for member in item.members() {
            if let Member::Item(inner) = member {
                walk(std::slice::from_ref(inner), out);
            }
        }
    }
}
