//! `textDocument/semanticTokens/full`: the core's tokens in LSP's relative encoding, with a
//! legend of standard token types so that any theme colours them.

use journey_ide::TokenKind;
use journey_syntax::ast::ItemKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    SemanticTokensParams, SemanticTokensResult,
};

use crate::state::Inner;

/// The token types, in legend order.
const TYPES: [SemanticTokenType; 17] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::COMMENT,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::CLASS,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::INTERFACE,
    SemanticTokenType::ENUM,
    SemanticTokenType::TYPE,
    SemanticTokenType::STRUCT,
    SemanticTokenType::EVENT,
    SemanticTokenType::TYPE_PARAMETER,
    SemanticTokenType::METHOD,
];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION, SemanticTokenModifier::DOCUMENTATION],
    }
}

fn type_index(kind: TokenKind) -> u32 {
    match kind {
        TokenKind::Keyword => 0,
        TokenKind::Field | TokenKind::Metric => 1,
        TokenKind::String => 2,
        TokenKind::Number => 3,
        TokenKind::Comment => 4,
        TokenKind::Operator => 5,
        TokenKind::Word => 6,
        TokenKind::Item(item) => match item {
            ItemKind::Lane => 7,
            ItemKind::System => 8,
            ItemKind::Procedure => 9,
            ItemKind::Touchpoint => 10,
            ItemKind::Segment => 11,
            ItemKind::Experience => 12,
            ItemKind::Journey => 13,
            ItemKind::Scenario => 14,
            ItemKind::Stage => 15,
            ItemKind::Step | ItemKind::Risk => 16,
        },
    }
}

pub async fn semantic_tokens(inner: &Inner, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
    let Some(snapshot) = inner.snapshot().await else { return Ok(None) };
    let Some(file) = snapshot.file(&params.text_document.uri) else { return Ok(None) };
    inner
        .run("semantic tokens", || {
            let text = snapshot.text(file)?;
            let mut data = Vec::new();
            let (mut line, mut column) = (0, 0);
            for token in snapshot.analysis.semantic_tokens(file) {
                let start = text.position(token.span.start, snapshot.encoding);
                let end = text.position(token.span.end, snapshot.encoding);
                if end.line != start.line || end.character <= start.character {
                    continue;
                }
                let delta_line = start.line - line;
                let delta_start = if delta_line == 0 { start.character - column } else { start.character };
                let modifiers = u32::from(token.declaration) | (u32::from(token.documentation) << 1);
                data.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length: end.character - start.character,
                    token_type: type_index(token.kind),
                    token_modifiers_bitset: modifiers,
                });
                (line, column) = (start.line, start.character);
            }
            Some(SemanticTokensResult::Tokens(SemanticTokens { result_id: None, data }))
        })
        .await
}
