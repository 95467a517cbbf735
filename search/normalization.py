"""One normalization of Persian (and Latin) text, applied to what we index and to what is asked.

Both sides of a search go through :func:`normalize`, so two spellings that a reader takes
for the same word end up as the same string, whatever backend compares them. The choices:

* Arabic letters become their Persian forms: ي and ى → ی, ك → ک, ة and ۀ → ه,
  ؤ → و, أ إ ٱ → ا.
* آ (alef with madda) also becomes ا. Persian keeps آ as its own letter, but keyboards
  and people drop the madda all the time ("اسفالت" for "آسفالت"), Elasticsearch's
  ``arabic_normalization`` folds it too, and the words it would confuse (آن/ان, آمار/امار)
  are rare or stop words. Finding "آسفالت" when someone types "اسفالت" matters more.
* Harakat (fatha, kasra, damma, tanwin, shadda, sukun, madda and hamza marks, superscript
  alef, Quranic marks) and tatweel are removed: they decorate a word without changing it.
* Digits of any script (Persian ۰-۹, Arabic-Indic ٠-٩, ASCII, others) become ASCII.
* Unicode NFKC (Arabic presentation forms, full-width Latin, ligatures) and case folding.
* Bidi controls (LRM, RLM, embeddings, isolates) that copy-paste leaves behind are removed.

Half-space (ZWNJ, U+200C) and its look-alikes (ZWSP U+200B, ZWJ U+200D, word joiner U+2060,
soft hyphen, BOM U+FEFF) join the two parts of one word: "می‌شود" → "میشود". A space after
the verbal prefixes می / نمی / بی, or before the suffixes ها / های… / تر / ترین / ی (and ای
after ه), is the same half-space typed with the wrong key, so it joins too: "می شود" and
"کتاب ها" become "میشود" and "کتابها". All three ways of writing such a word therefore
normalize to the same string.

The trade-off: the joined word is one token, so "شود" alone would not find "می‌شود". The
indexing side makes up for it with :func:`index_text`, which adds the parts of every word it
joined ("میشود می شود"), so a query for one part, or for the parts separated by a space
("آیین نامه" for "آیین‌نامه"), still finds it. The query side does the mirror image with
:func:`query_terms`: a word the query joined matches either whole or as all of its parts, so
"مقاوم‌سازی" finds a text that wrote "مقاوم سازی". Only compounds written joined *without* any
mark ("مقاومسازی") stay whole on both sides: nobody can tell where they would split, so
"مقاوم سازی" does not find them. The affixes above are the exception, joined by rule.
Joining a space before تر also joins "پسماند تر" (wet waste) into one word; both sides do the
same, so the phrase is found, only the lone word "تر" is not.
"""

import re
import unicodedata

JOINER = "\u200c"
CONJUNCTION = "و"

# Zero-width characters that people and editors use in place of ZWNJ.
JOINER_LOOKALIKES = "\u200b\u200d\u2060\u00ad\ufeff"
# Bidi marks, embeddings and isolates: invisible, never part of a word.
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

#: Letters folded to their Persian form (None: removed). Public so that other engines'
#: analyzers (search/backends/elasticsearch/analysis.py) fold exactly the same letters.
LETTER_FOLDS = {
    "\u064a": "\u06cc",  # ي Arabic yeh → ی
    "\u0649": "\u06cc",  # ى alef maksura → ی
    "\u06d2": "\u06cc",  # ے yeh barree → ی
    "\u0643": "\u06a9",  # ك Arabic kaf → ک
    "\u06aa": "\u06a9",  # ڪ swash kaf → ک
    "\u0629": "\u0647",  # ة teh marbuta → ه
    "\u06c0": "\u0647",  # ۀ heh with yeh above (ezafe) → ه
    "\u06c1": "\u0647",  # ہ heh goal → ه
    "\u06d5": "\u0647",  # ە ae → ه
    "\u0624": "\u0648",  # ؤ waw with hamza → و
    "\u0623": "\u0627",  # أ alef with hamza above → ا
    "\u0625": "\u0627",  # إ alef with hamza below → ا
    "\u0622": "\u0627",  # آ alef with madda → ا (see the module docstring)
    "\u0671": "\u0627",  # ٱ alef wasla → ا
    "\u0640": None,  # tatweel
}

_LETTERS = str.maketrans(
    {
        **LETTER_FOLDS,
        **dict.fromkeys(BIDI_CONTROLS),
        **dict.fromkeys(JOINER_LOOKALIKES, JOINER),
    }
)

# Harakat and other combining marks of the Arabic script.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")

_PREFIXES = "نمی|می|بی"
_SUFFIXES = "هایمان|هایتان|هایشان|هایی|هایم|هایت|هایش|های|ها|ترین|تری|تر|ی"
# A word character that is neither a space nor a joiner: the edges of what we may join.
_W = r"[^\W_]"
_JOIN_PREFIX = re.compile(rf"(?<!{_W})({_PREFIXES})[\s{JOINER}]+(?={_W})")
_JOIN_SUFFIX = re.compile(rf"(?<={_W})[\s{JOINER}]+({_SUFFIXES})(?!{_W})")
_JOIN_AFTER_HEH = re.compile(rf"(?<=ه)[\s{JOINER}]+(ای)(?!{_W})")
_JOINERS = re.compile(rf"{JOINER}+")
_LONE_JOINER = re.compile(rf"(?<!{_W}){JOINER}|{JOINER}(?!{_W})")

_WORD = re.compile(rf"{_W}+")


def _fold_digit(match):
    return str(unicodedata.digit(match.group(), 0))


def _pass(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(_LETTERS)
    text = _MARKS.sub("", text)
    text = _DIGIT.sub(_fold_digit, text)
    text = _SPACES.sub(" ", text).strip()
    text = _JOIN_PREFIX.sub(rf"\1{JOINER}", text)
    text = _JOIN_SUFFIX.sub(rf"{JOINER}\1", text)
    text = _JOIN_AFTER_HEH.sub(rf"{JOINER}\1", text)
    text = _JOINERS.sub(JOINER, text)
    return _LONE_JOINER.sub("", text)


def _marked(text):
    """Normalized text that keeps a ZWNJ wherever two parts of one word were joined."""
    if not text:
        return ""
    # Folding can make new foldable sequences (a removed mark lets NFKC compose two letters,
    # a ligature expands to letters with harakat), so we repeat until nothing changes.
    previous = None
    for _ in range(5):
        if text == previous:
            break
        previous, text = text, _pass(text)
    return text


def normalize(text):
    """``text`` with the spelling differences that do not change a word folded away."""
    return _marked(str(text or "")).replace(JOINER, "")


def tokens(text):
    """The words of ``normalize(text)``: runs of letters and digits, in order."""
    return _WORD.findall(normalize(text))


def query_terms(text):
    """The words of a query as ``(word, parts)``; ``parts`` are the pieces of a joined word.

    A query word typed with a half-space ("مقاوم‌سازی") should also find the text that wrote it
    with a space ("مقاوم سازی"), so backends match either the word or all of its parts.
    """
    terms = []
    for word in re.findall(rf"(?:{_W}|{JOINER})+", _marked(str(text or ""))):
        pieces = tuple(piece for piece in word.split(JOINER) if piece)
        terms.append(("".join(pieces), pieces if len(pieces) > 1 else ()))
    yield from _join_conjunctions(terms)


def _join_conjunctions(terms):
    """ "حمل و نقل" also finds "حمل‌ونقل": a و between two query words may be the middle of a
    compound written with a half-space (گفت‌وگو، رفت‌وآمد), so the three words match either
    that compound whole or, as before, all three words."""
    joined = []
    for word, parts in terms:
        if len(joined) >= 2 and joined[-1][0] == CONJUNCTION and joined[-2][0] != CONJUNCTION:
            (before, before_parts), _conjunction = joined[-2], joined.pop()
            joined[-1] = (
                before + CONJUNCTION + word,
                (*(before_parts or (before,)), CONJUNCTION, *(parts or (word,))),
            )
        else:
            joined.append((word, parts))
    return joined


def index_text(text):
    """What we store in the index for ``text``: its normalized words, then the parts of joined ones.

    Punctuation becomes a space, so every backend splits words the same way (PostgreSQL's
    parser would otherwise keep ``۱۲۳/ش/۱۴۰۳`` or an e-mail address as one token).
    """
    marked = _marked(str(text or ""))
    words = []
    parts = []
    for word in re.findall(rf"(?:{_W}|{JOINER})+", marked):
        pieces = [piece for piece in word.split(JOINER) if piece]
        words.append("".join(pieces))
        if len(pieces) > 1:
            parts.extend(pieces)
    return " ".join(words + parts)
