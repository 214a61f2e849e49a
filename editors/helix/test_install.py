"""Tests of install.py: the Helix queries made from the tree-sitter grammar's, and the config.

    python3 -m unittest discover -s editors/helix -p 'test_*.py'
"""
import subprocess
import sys
import tempfile
import tomllib
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import install  # noqa: E402

NVIM_ONLY = ["@number", "@boolean", "@property", "@keyword.type", "@keyword.import", "@string.escape",
             "@comment.documentation", "@indent.begin", "@indent.end", "@indent.branch"]


class Convert(unittest.TestCase):
    def test_reverses_patterns_and_maps_names(self):
        query = (
            "; file comment\n\n"
            "(identifier) @variable\n\n"
            "((identifier) @boolean\n  (#any-of? @boolean \"true\" \"false\"))\n\n"
            "; Keywords.\n"
            "[\n  \"lane\"\n  \"step\"\n] @keyword.type\n"
            "\"import\" @keyword.import\n"
            "(number)+ @number\n"
        )
        out = install.convert(query, install.HIGHLIGHTS, "")
        self.assertEqual(
            out,
            "(number)+ @constant.numeric\n\n"
            "\"import\" @keyword.control.import\n\n"
            "; Keywords.\n[\n  \"lane\"\n  \"step\"\n] @keyword.storage.type\n\n"
            "((identifier) @constant.builtin.boolean\n  (#any-of? @constant.builtin.boolean \"true\" \"false\"))\n\n"
            "(identifier) @variable\n",
        )

    def test_indents(self):
        out = install.convert("(block) @indent.begin\n\n\"}\" @indent.branch @indent.end\n", install.INDENTS, "")
        self.assertEqual(out, "\"}\" @outdent\n\n(block) @indent\n")

    def test_unbalanced(self):
        with self.assertRaises(ValueError):
            install.patterns("(block (x)")


class RealQueries(unittest.TestCase):
    queries = install.GRAMMAR / "queries"

    def setUp(self):
        if not (self.queries / "highlights.scm").is_file():
            self.skipTest(f"no {self.queries}/highlights.scm")

    def test_install(self):
        with tempfile.TemporaryDirectory() as runtime:
            run = subprocess.run([sys.executable, str(Path(install.__file__)), "--runtime", runtime],
                                 capture_output=True, text=True, check=True)
            self.assertIn("hx --grammar build", run.stdout)
            target = Path(runtime) / "queries" / "journey"
            highlights = (target / "highlights.scm").read_text()
            original = (self.queries / "highlights.scm").read_text()
            self.assertEqual(len(install.patterns(highlights)), len(install.patterns(original)))
            for name in NVIM_ONLY:
                self.assertNotRegex(highlights, rf"{name}(?![\w.])", name)
            self.assertEqual(highlights.count("("), highlights.count(")"))
            last = install.patterns(highlights)[-1][1]
            self.assertEqual(last, "(identifier) @variable", "the generic pattern comes last in Helix")
            if (self.queries / "indents.scm").is_file():
                indents = (target / "indents.scm").read_text()
                for name in NVIM_ONLY:
                    self.assertNotRegex(indents, rf"{name}(?![\w.])", name)


class Config(unittest.TestCase):
    def test_languages_toml(self):
        run = subprocess.run([sys.executable, str(Path(install.__file__)), "--print-config"],
                             capture_output=True, text=True, check=True)
        config = tomllib.loads(run.stdout)
        language = config["language"][0]
        self.assertEqual(language["name"], "journey")
        self.assertEqual(language["file-types"], ["journey"])
        self.assertEqual(language["roots"], ["journey.toml"])
        self.assertEqual(language["comment-token"], "//")
        self.assertEqual(language["language-servers"], ["journey"])
        self.assertEqual(config["language-server"]["journey"], {"command": "journey", "args": ["lsp"]})
        grammar = config["grammar"][0]
        self.assertEqual(grammar["name"], "journey")
        self.assertEqual(Path(grammar["source"]["path"]), install.GRAMMAR)
        self.assertTrue(Path(grammar["source"]["path"]).is_absolute())


if __name__ == "__main__":
    unittest.main()
