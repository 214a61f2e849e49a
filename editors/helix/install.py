#!/usr/bin/env python3
"""Installs journey's tree-sitter queries for Helix and prints the languages.toml to merge.

The queries of grammar/tree-sitter-journey follow the nvim-treesitter conventions: later
patterns win, and capture names such as @number or @property. Helix lets the first pattern win
and names things its own way (@constant.numeric, @variable.other.member), so the patterns are
written out in reverse order with the names mapped.

    python3 editors/helix/install.py                   # into ~/.config/helix/runtime
    python3 editors/helix/install.py --runtime DIR     # into DIR/queries/journey/
    python3 editors/helix/install.py --print-config    # only print languages.toml
"""
import argparse
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GRAMMAR = (HERE / ".." / ".." / "grammar" / "tree-sitter-journey").resolve()

# nvim-treesitter capture -> Helix scope. Names not listed are kept (Helix themes fall back from
# `a.b.c` to `a.b` and `a`, so @type.definition still reads as @type).
HIGHLIGHTS = {
    "boolean": "constant.builtin.boolean",
    "number": "constant.numeric",
    "number.float": "constant.numeric.float",
    "property": "variable.other.member",
    "string.escape": "constant.character.escape",
    "comment.documentation": "comment.line.documentation",
    "keyword.type": "keyword.storage.type",
    "keyword.import": "keyword.control.import",
    "keyword.repeat": "keyword.control.repeat",
    "keyword.conditional": "keyword.control.conditional",
    "type.definition": "type",
    "variable.member": "variable.other.member",
    "constant.builtin": "constant.builtin",
}
INDENTS = {
    "indent.begin": "indent",
    "indent.end": "outdent",
    "indent.branch": None,
    "indent.dedent": "outdent",
}
TOKEN = re.compile(
    r'(?P<comment>;[^\n]*)|(?P<string>"(?:[^"\\]|\\.)*")|(?P<open>[(\[])|(?P<close>[)\]])'
    r"|(?P<capture>@[A-Za-z_][\w.-]*)|(?P<quant>[*+?])|(?P<space>\s+)|(?P<word>[^\s()\[\]\";@]+)"
)


def patterns(text):
    """The top-level patterns of a query, each with the comment lines just above it."""
    items, comments, depth, start, i = [], [], 0, None, 0
    tokens = [(m.lastgroup, m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    while i < len(tokens):
        kind, value, s, e = tokens[i]
        if depth == 0 and start is None:
            if kind == "comment":
                comments.append(value)
            elif kind == "space":
                if value.count("\n") > 1:
                    # A comment paragraph apart from the next pattern is about the file.
                    comments = []
            elif kind in ("open", "string", "word"):
                start = s
                if kind == "open":
                    depth = 1
                else:
                    end = e
            i += 1
            if start is not None and depth == 0:
                end = absorb(tokens, i)
                items.append(("\n".join(c for c in comments).strip("\n"), text[start:end[0]]))
                comments, start, i = [], None, end[1]
            continue
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                end = absorb(tokens, i + 1)
                items.append(("\n".join(comments).strip("\n"), text[start:end[0]]))
                comments, start, i = [], None, end[1]
                continue
        i += 1
    if depth != 0:
        raise ValueError("unbalanced query")
    return items


def absorb(tokens, i):
    """After a node: its quantifier and captures. Returns (end offset, next token index)."""
    end = tokens[i - 1][3]
    j = i
    while j < len(tokens):
        kind, _, _, e = tokens[j]
        if kind in ("capture", "quant"):
            end, j = e, j + 1
        elif kind == "space" and "\n" not in tokens[j][1]:
            j += 1
        else:
            break
    # Do not swallow the trailing space.
    while i < j and tokens[j - 1][0] == "space":
        j -= 1
    return end, j


def rename(pattern, table):
    def one(match):
        name = match.group(1)
        new = table.get(name, name)
        return "" if new is None else "@" + new

    out = re.sub(r"@([A-Za-z_][\w.-]*)", one, pattern)
    # Drop a capture removed above, and repeated captures (`@outdent @outdent`).
    out = re.sub(r"[ \t]+(?=\n|$)", "", out)
    out = re.sub(r"(?<=\S)[ \t]{2,}(?=@)", " ", out)
    out = re.sub(r"(@[\w.-]+)(\s+\1)+", r"\1", out)
    return out


def convert(text, table, header):
    items = patterns(text)
    blocks = []
    for comment, pattern in reversed(items):
        block = rename(pattern, table)
        blocks.append((comment + "\n" if comment else "") + block)
    return header + "\n\n".join(blocks) + "\n"


HEADER = (
    "; Generated for Helix by editors/helix/install.py from grammar/tree-sitter-journey/queries/{name}\n"
    "; (patterns in reverse order, capture names mapped to Helix's). Edit the original and reinstall.\n\n"
)


def languages_toml(grammar):
    text = (HERE / "languages.toml").read_text(encoding="utf-8")
    return text.replace("/path/to/journey/grammar/tree-sitter-journey", grammar.as_posix())


def default_runtime():
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", "~")).expanduser() / "helix" / "runtime"
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "helix" / "runtime"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runtime", type=Path, default=None, help="Helix runtime folder (default: ~/.config/helix/runtime)")
    parser.add_argument("--grammar", type=Path, default=GRAMMAR, help="the tree-sitter-journey folder")
    parser.add_argument("--print-config", action="store_true", help="only print languages.toml")
    args = parser.parse_args(argv)
    grammar = args.grammar.resolve()
    if args.print_config:
        sys.stdout.write(languages_toml(grammar))
        return 0
    queries = grammar / "queries"
    if not (queries / "highlights.scm").is_file():
        print(f"install.py: no {queries / 'highlights.scm'}", file=sys.stderr)
        return 1
    target = (args.runtime or default_runtime()) / "queries" / "journey"
    target.mkdir(parents=True, exist_ok=True)
    for name, table in (("highlights.scm", HIGHLIGHTS), ("indents.scm", INDENTS)):
        source = queries / name
        if source.is_file():
            out = convert(source.read_text(encoding="utf-8"), table, HEADER.format(name=name))
            (target / name).write_text(out, encoding="utf-8")
            print(f"wrote {target / name}")
    print("\nMerge this into ~/.config/helix/languages.toml, then run `hx --grammar build`:\n")
    sys.stdout.write(languages_toml(grammar))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
