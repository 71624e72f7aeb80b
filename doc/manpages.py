#!/usr/bin/python3
"""tessera's API reference: HTML pages and man pages from the PETSc-style man-page blocks of the sources.

Usage: /usr/bin/python3 doc/manpages.py SOURCE_DIR OUT_DIR
       /usr/bin/python3 doc/manpages.py --check SOURCE_DIR OUT_DIR

Reads every library source and public header under SOURCE_DIR (not examples/, tests/, doc/ or build trees) and turns
each man-page block into one page, in the format PETSc's Sowing reads:

    /*@ (or /*@C)  a function; the prototype is the code that follows the block, up to its body
    /*S  S*/       a struct or object type       /*E  E*/  an enum        /*J  J*/  a string type (XXXType)
    /*MC M*/       a registered type or a macro, documented where it is implemented

The first line of a block is "Name - one-line summary"; then paragraphs such as "Collective", sections ending in a
colon ("Input Parameters:", "Output Parameter:", "Options Database Keys:", "Notes:") with Sowing's list items
("+ first", ". middle", "- last"), "Level: ..." and ".seealso: `A()`, `B`".

Writes OUT_DIR/html/<Name>.html and OUT_DIR/html/index.html (grouped by public header), and
OUT_DIR/man/man3/<Name>.3 (section 3, for `man -M OUT_DIR/man Name`).

--check: instead of writing, lists every function declared with TESSERA_EXTERN and every type declared with typedef
in the public headers (tessera*.h without "impl"; names ending in _Private implement documented macros and are
skipped) and verifies that OUT_DIR/html has a page for each and that each page names the header to include. Prints
the counts; exit status 1 with the missing names otherwise. --check-names also requires every parameter of every
prototype and callback typedef in those headers to have a name.
"""
import html
import os
import pathlib
import re
import shutil
import sys

BLOCK = re.compile(r"/\*(@C?|S|E|J|MC)[ \t]*\n(.*?)\n[ \t]*(?:@|S|E|J|M)\*/", re.S)
KINDS = {"@": "function", "@C": "function", "S": "type", "E": "enum", "J": "type", "MC": "type or macro"}
SKIP_DIRS = {"examples", "tests", "doc", ".git", ".ci"}


def sources(root):
    """Library sources and public headers below root, in a stable order."""
    for dirpath, dirnames, filenames in os.walk(root):
        rel = pathlib.Path(dirpath).relative_to(root)
        dirnames[:] = sorted(d for d in dirnames if not (rel == pathlib.Path(".") and (d in SKIP_DIRS or d.startswith("build"))))
        for f in sorted(filenames):
            if f.endswith((".c", ".h")):
                yield pathlib.Path(dirpath) / f


def public_headers(root):
    return [p for p in sources(root) if p.name.startswith("tessera") and p.suffix == ".h" and "impl" not in p.name]


def strip_comments(text):
    """text without comments and preprocessor lines"""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"\\\n", " ", text)
    return re.sub(r"(//|^\s*#)[^\n]*", " ", text, flags=re.M)


def declarations(headers):
    """{name: (kind, header, declaration)} of the TESSERA_EXTERN functions and the typedefs of the public headers."""
    decl = {}
    for h in headers:
        text = strip_comments(h.read_text())
        for m in re.finditer(r"TESSERA_EXTERN\s+([^;]*?)\b(\w+)\s*\(([^;]*?)\)\s*;", text, re.S):
            decl[m.group(2)] = ("function", h.name, " ".join(m.group(0).replace("TESSERA_EXTERN", "").split()))
        for m in re.finditer(r"\btypedef\b([^;{]*(?:\{[^}]*\}[^;]*)?);", text, re.S):
            body = m.group(1)
            fn = re.search(r"\(\s*\*?\s*(\w+)\s*\)\s*\(", body) or re.search(r"\b(\w+)\s*\(", body)
            name = fn.group(1) if fn else re.findall(r"(\w+)\s*$", body.strip())[0]
            decl[name] = ("type", h.name, " ".join(("typedef" + body + ";").split()))
    return decl


def split_parameters(text, start):
    """The top-level parameters of the parenthesised list that opens at text[start]"""
    depth, cur, out = 0, "", []
    for ch in text[start:]:
        if ch == "(":
            depth += 1
            if depth == 1:
                continue
        elif ch == ")":
            depth -= 1
            if depth == 0:
                break
        if ch == "," and depth == 1:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def unnamed_parameters(decl):
    """Prototypes and callback typedefs of decl with a parameter that has no name (a function-pointer parameter needs
    its own name, (*name)(...); the parameters of that pointer's own list are not checked)."""
    bad = []
    for name, (kind, header, text) in sorted(decl.items()):
        m = re.search(r"\b" + name + r"\b\s*\)?\s*\(", text)
        if not m:
            continue  # a struct, enum or plain typedef
        for p in split_parameters(text, m.end() - 1):
            if p in ("void", "..."):
                continue
            if "(" in p:
                named = re.search(r"\(\s*\*+\s*\w+\s*\)", p)
            else:
                words = re.findall(r"[A-Za-z_]\w*", re.sub(r"\[[^\]]*\]", "", p))
                named = len([w for w in words if w not in ("const", "struct", "enum", "unsigned", "signed", "restrict")]) >= 2
            if not named:
                bad.append(f"{header}: {name}: parameter '{p}' has no name")
    return bad


def parse_block(body):
    """(name, summary, list of (heading or None, lines), seealso, level) of one block body."""
    lines = [ln.rstrip() for ln in body.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    head = [lines.pop(0).strip()]
    while lines and lines[0].strip() and not lines[0].strip().endswith(":") and not re.match(r"\s*(Level|Collective|Not [Cc]ollective|Logically)", lines[0]):
        head.append(lines.pop(0).strip())
    first = " ".join(head)
    name, _, summary = first.partition(" - ")
    sections, cur, seealso, level = [], [None, []], [], ""
    for ln in lines:
        s = ln.strip()
        if s.startswith(".seealso:"):
            seealso += re.findall(r"`?([A-Za-z_]\w*)(?:\(\))?`?", s[len(".seealso:"):])
            continue
        if s.startswith("Level:"):
            level = s[len("Level:"):].strip()
            continue
        if re.match(r"^[A-Z][A-Za-z ]*:$", s):
            if cur[0] is not None or cur[1]:
                sections.append(tuple(cur))
            cur = [s[:-1], []]
            continue
        if seealso and s and not s.startswith("."):
            seealso += re.findall(r"`?([A-Za-z_]\w*)(?:\(\))?`?", s)
            continue
        cur[1].append(ln)
    if cur[0] is not None or cur[1]:
        sections.append(tuple(cur))
    return name.strip(), summary.strip(), sections, seealso, level


def following_code(text, end, kind):
    """The prototype (functions) or typedef after a block."""
    rest = text[end:]
    if kind == "function":
        m = re.match(r"\s*([^{;]*?\))\s*[{;]", rest, re.S)
    else:
        m = re.match(r"\s*(typedef[^;{]*(?:\{.*?\}[^;]*)?;)", rest, re.S)
    return " ".join(m.group(1).split()) if m else ""


def inline(text, known):
    """HTML of one line of block text: `code` spans, links to known pages."""
    out = []
    for i, part in enumerate(re.split(r"`([^`]*)`", text)):
        if i % 2:
            m = re.match(r"^([A-Za-z_]\w*)(\(\))?$", part)
            if m and m.group(1) in known:
                out.append(f'<a href="{m.group(1)}.html"><code>{html.escape(part)}</code></a>')
            else:
                out.append(f"<code>{html.escape(part)}</code>")
        else:
            out.append(html.escape(part))
    return "".join(out)


def items(lines):
    """Split Sowing list items ('+ a - x', '. b - y', '- c - z') and paragraphs."""
    blocks, cur = [], None
    for ln in lines:
        s = ln.strip()
        m = re.match(r"^[+.\-] (\S+(?: \S+)*?) +- (.*)$", s) or re.match(r"^[+.\-] (\S+)\s*$", s)
        if m and ln[:1] in "+.-":
            cur = ["item", m.group(1), m.group(2) if m.lastindex > 1 else ""]
            blocks.append(cur)
        elif not s:
            cur = None
        elif cur is not None and cur[0] == "item" and ln.startswith(" "):
            cur[2] += " " + s
        elif cur is not None and cur[0] == "para":
            cur[1] += "\n" + s
        else:
            cur = ["para", s]
            blocks.append(cur)
    return blocks


def page_html(doc, known):
    name, summary, sections, seealso, level = doc["parsed"]
    out = [f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{name}</title>",
           "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}pre{background:#f4f4f4;padding:.5em;"
           "white-space:pre-wrap}dt{font-family:monospace;font-weight:bold}</style></head><body>",
           f"<p><a href=\"index.html\">tessera API</a></p><h1>{name}</h1><p>{inline(summary, known)}</p>"]
    synopsis = []
    if doc["header"]:
        synopsis.append(f"#include &lt;{doc['header']}&gt;")
    if doc["code"]:
        synopsis.append(html.escape(doc["code"]))
    if synopsis:
        out.append("<h2>Synopsis</h2><pre>" + "\n".join(synopsis) + "</pre>")
    for heading, lines in sections:
        if heading:
            out.append(f"<h2>{html.escape(heading)}</h2>")
        for b in items(lines):
            if b[0] == "item":
                out.append(f"<dl><dt>{html.escape(b[1])}</dt><dd>{inline(b[2], known)}</dd></dl>")
            elif re.match(r"^(\$ |\.vb)", b[1]):
                out.append("<pre>" + html.escape(re.sub(r"^(\$ |\.v[be])", "", b[1], flags=re.M)) + "</pre>")
            else:
                out.append("<p>" + inline(b[1], known) + "</p>")
    if level:
        out.append(f"<h2>Level</h2><p>{html.escape(level)}</p>")
    if seealso:
        links = [f'<a href="{s}.html">{s}</a>' if s in known else html.escape(s) for s in seealso]
        out.append("<h2>See also</h2><p>" + ", ".join(links) + "</p>")
    out.append(f"<h2>Location</h2><p><code>{doc['file']}</code></p></body></html>\n")
    return "\n".join(out)


def roff(text):
    text = re.sub(r"`([^`]*)`", r"\\fB\1\\fR", text.replace("\\", "\\\\"))
    return "\n".join(("\\&" + ln if ln.startswith((".", "'")) else ln) for ln in text.split("\n"))


def page_man(doc):
    name, summary, sections, seealso, level = doc["parsed"]
    out = [f'.TH {name} 3 "" "tessera" "tessera API"', ".SH NAME", f"{name} \\- {roff(summary)}"]
    if doc["header"] or doc["code"]:
        out += [".SH SYNOPSIS", ".nf"]
        if doc["header"]:
            out.append(f"#include <{doc['header']}>")
        if doc["code"]:
            out.append(roff(doc["code"]))
        out.append(".fi")
    for heading, lines in sections:
        if heading:
            out.append(f".SH {roff(heading.upper())}")
        for b in items(lines):
            if b[0] == "item":
                out += [".TP", f"\\fB{roff(b[1])}\\fR", roff(b[2])]
            else:
                out += [".PP", roff(b[1])]
    if level:
        out += [".SH LEVEL", level]
    if seealso:
        out += [".SH SEE ALSO", ", ".join(f"\\fB{s}\\fR(3)" for s in seealso)]
    return "\n".join(out) + "\n"


def collect(root):
    root = pathlib.Path(root).resolve()
    headers = public_headers(root)
    decl = declarations(headers)
    docs = {}
    for path in sources(root):
        text = path.read_text()
        for m in BLOCK.finditer(text):
            kind = KINDS[m.group(1)]
            parsed = parse_block(m.group(2))
            name = parsed[0]
            if not re.match(r"^[A-Za-z_]\w*$", name):
                continue
            code = following_code(text, m.end(), "function" if kind == "function" else "type")
            if name in decl and not code:
                code = decl[name][2]
            docs[name] = dict(kind=kind, parsed=parsed, code=code, file=str(path.relative_to(root)),
                              header=decl[name][1] if name in decl else (path.name if path.suffix == ".h" else ""))
            # the constructor of a registered type follows its /*MC block (PETSc's convention): a page that points there
            ctor = re.match(r"\s*PetscErrorCode\s+(\w+)\s*\(", text[m.end():])
            if m.group(1) == "MC" and ctor and ctor.group(1) in decl and ctor.group(1) not in docs:
                cname = ctor.group(1)
                cparsed = (cname, f"Constructor of the registered type `{name}`, called by the class's SetType(); see `{name}`",
                           [(None, ["Not called by users directly: select the type by name (its `-xxx_type` option) instead."])],
                           [name], parsed[4])
                docs[cname] = dict(kind="function", parsed=cparsed, code=following_code(text, m.end(), "function"),
                                   file=str(path.relative_to(root)), header=decl[cname][1])
    return headers, decl, docs


def write(root, out):
    headers, decl, docs = collect(root)
    out = pathlib.Path(out)
    for sub in ("html", "man"):  # no stale page of a removed function
        shutil.rmtree(out / sub, ignore_errors=True)
    (out / "html").mkdir(parents=True, exist_ok=True)
    (out / "man" / "man3").mkdir(parents=True, exist_ok=True)
    known = set(docs)
    for name, doc in docs.items():
        (out / "html" / f"{name}.html").write_text(page_html(doc, known))
        (out / "man" / "man3" / f"{name}.3").write_text(page_man(doc))
    groups = {}
    for name, doc in docs.items():
        groups.setdefault(doc["header"] or "implementations (registered types)", []).append(name)
    idx = ["<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>tessera API</title></head><body>",
           "<h1>tessera API reference</h1>",
           f"<p>{len(docs)} pages, generated from the man-page blocks of the sources. Include <code>tessera.h</code> "
           "and call <code>TesseraInitialize()</code> after <code>PetscInitialize()</code>.</p>"]
    for g in sorted(groups):
        idx.append(f"<h2>{html.escape(g)}</h2><ul>")
        for name in sorted(groups[g]):
            idx.append(f'<li><a href="{name}.html">{name}</a> &mdash; {inline(docs[name]["parsed"][1], known)}</li>')
        idx.append("</ul>")
    idx.append("</body></html>\n")
    (out / "html" / "index.html").write_text("\n".join(idx))
    print(f"wrote {len(docs)} pages to {out / 'html'} and {out / 'man' / 'man3'}")
    return 0


def check(root, out, names=False):
    headers, decl, docs = collect(root)
    html_dir = pathlib.Path(out) / "html"
    # names ending in _Private are the implementation of documented macros (TesseraOptionsRealInRange())
    decl = {n: d for n, d in decl.items() if not n.endswith("_Private")}
    missing = [n for n in sorted(decl) if not (html_dir / f"{n}.html").exists()]
    noheader = [n for n in sorted(decl) if (html_dir / f"{n}.html").exists()
                and f"#include &lt;{decl[n][1]}&gt;" not in (html_dir / f"{n}.html").read_text()]
    unnamed = unnamed_parameters(decl)
    nf = sum(1 for d in decl.values() if d[0] == "function")
    print(f"{len(headers)} public headers: {nf} functions, {len(decl) - nf} types; "
          f"{len(decl) - len(missing)} have a page, {len(missing)} do not; {len(unnamed)} unnamed parameters")
    for n in missing:
        print(f"no page: {n} ({decl[n][1]})")
    for n in noheader:
        print(f"page does not name its header: {n}")
    for b in unnamed if names else []:
        print(b)
    return 1 if missing or noheader or (names and unnamed) else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 3 and args[0] in ("--check", "--check-names"):
        sys.exit(check(args[1], args[2], args[0] == "--check-names"))
    if len(args) != 2:
        sys.exit(__doc__)
    sys.exit(write(args[0], args[1]))
