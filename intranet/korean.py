"""Korean-aware text helpers for search and display.

Search must find 김민수 from "ㄱㅁㅅ", "민수", "kim minsu" or "minsu kim", and 교육 from "교육을".
Postgres and SQLite tokenisers know no Korean, so we store a normalised search key per record and
expand each query word into the variants it may stand for.
"""

import functools
import re
import unicodedata

from korean_romanizer.romanizer import Romanizer

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
CHOSEONG_SET = set(CHOSEONG)

# Longest first, so that "에서" is tried before "에" and "으로" before "로".
PARTICLES = sorted(
    [
        "에게서",
        "으로서",
        "으로써",
        "이라고",
        "에서는",
        "에서도",
        "까지",
        "부터",
        "에게",
        "한테",
        "에서",
        "으로",
        "이나",
        "이랑",
        "처럼",
        "보다",
        "라고",
        "마저",
        "조차",
        "께서",
        "을",
        "를",
        "이",
        "가",
        "은",
        "는",
        "의",
        "에",
        "로",
        "와",
        "과",
        "도",
        "만",
        "랑",
        "나",
        "께",
    ],
    key=len,
    reverse=True,
)

# The customary spellings of common surnames, which Revised Romanization does not produce.
SURNAME_SPELLINGS = {
    "김": ["kim"],
    "이": ["lee", "yi", "rhee"],
    "박": ["park", "pak"],
    "최": ["choi"],
    "정": ["jung", "chung", "jeong"],
    "강": ["kang"],
    "조": ["cho", "jo"],
    "윤": ["yoon", "yun"],
    "장": ["jang", "chang"],
    "임": ["lim", "im"],
    "한": ["han"],
    "오": ["oh"],
    "서": ["seo", "suh"],
    "신": ["shin"],
    "권": ["kwon"],
    "황": ["hwang"],
    "안": ["ahn"],
    "송": ["song"],
    "류": ["ryu", "yoo"],
    "유": ["yoo", "yu"],
    "전": ["jeon", "jun"],
    "홍": ["hong"],
    "고": ["ko", "go"],
    "문": ["moon", "mun"],
    "양": ["yang"],
    "손": ["son"],
    "배": ["bae"],
    "백": ["baek"],
    "허": ["heo", "huh"],
    "남": ["nam"],
    "심": ["shim", "sim"],
    "노": ["noh", "no"],
    "하": ["ha"],
    "곽": ["kwak"],
    "성": ["sung", "seong"],
    "차": ["cha"],
    "주": ["joo", "ju"],
    "우": ["woo", "u"],
    "구": ["koo", "gu"],
    "민": ["min"],
    "나": ["na"],
    "진": ["jin"],
    "지": ["ji"],
    "엄": ["eom", "um"],
    "채": ["chae"],
    "원": ["won"],
    "천": ["cheon", "chun"],
    "방": ["bang"],
    "공": ["kong"],
    "현": ["hyun"],
    "함": ["ham"],
    "변": ["byun"],
    "염": ["yeom"],
    "여": ["yeo"],
    "추": ["choo"],
    "도": ["do"],
    "석": ["seok"],
    "선": ["sun"],
    "설": ["seol"],
    "마": ["ma"],
    "길": ["gil"],
    "연": ["yeon"],
    "표": ["pyo"],
    "명": ["myung"],
    "기": ["ki"],
    "왕": ["wang"],
    "금": ["keum"],
    "육": ["yook"],
    "인": ["in"],
    "맹": ["maeng"],
}


def is_hangul_syllable(char: str) -> bool:
    return HANGUL_FIRST <= ord(char) <= HANGUL_LAST


def initial_consonants(text: str) -> str:
    """ "김민수" → "ㄱㅁㅅ"; characters that are not Hangul syllables are dropped."""
    return "".join(CHOSEONG[(ord(ch) - HANGUL_FIRST) // 588] for ch in text if is_hangul_syllable(ch))


def is_initials_query(word: str) -> bool:
    return bool(word) and all(ch in CHOSEONG_SET for ch in word)


def compact_latin(text: str) -> str:
    """Lower-case Latin letters only: "Kim Min-su" → "kimminsu"."""
    return re.sub(r"[^a-z]", "", text.lower())


@functools.lru_cache(maxsize=4096)
def _romanized(syllables: str) -> str:
    """Revised Romanization of a surname or a given name, compact. Romanizer costs some 40 µs a
    call and an import of 20,000 staff asks for the same surnames and given names again and
    again; the bound keeps the cache under a megabyte in a web process."""
    return compact_latin(Romanizer(syllables).romanize())


def romanized_name_variants(name: str) -> set[str]:
    """Ways a Korean name may be typed in Latin letters, surname first and last."""
    name = name.strip()
    if not name or not all(is_hangul_syllable(ch) for ch in name):
        return set()
    surname, given = name[0], name[1:]
    given_rr = _romanized(given) if given else ""
    surnames = {_romanized(surname), *SURNAME_SPELLINGS.get(surname, [])}
    variants = set()
    for spelled in surnames:
        variants.add(spelled + given_rr)
        variants.add(given_rr + spelled)
    return variants


def strip_particle(word: str) -> str:
    """ "교육을" → "교육"; leaves the word alone when nothing (or too little) would remain."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 1:
            stem = word[: -len(particle)]
            if all(is_hangul_syllable(ch) for ch in stem):
                return stem
    return word


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip().lower()


def query_words(query: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", normalize(query)) if w][:8]


def word_variants(word: str) -> set[str]:
    """What a query word may match in a search key: itself, its stem without a particle, and its
    compact Latin form (so "Min-su" matches "minsu")."""
    variants = {word}
    stem = strip_particle(word)
    if stem != word:
        variants.add(stem)
    latin = compact_latin(word)
    if latin and latin != word:
        variants.add(latin)
    return variants


def query_latin_compact(query: str) -> str:
    """The whole query as one Latin run, for names typed with a space: "minsu kim" → "minsukim"."""
    return compact_latin(query) if re.fullmatch(r"[A-Za-z\s\-\.]+", query.strip() or "-") else ""


def person_search_key(*, name: str, name_en: str = "", extra: list[str] | tuple = ()) -> str:
    """The normalised text stored with a person and matched with ``icontains``."""
    parts = [normalize(name), initial_consonants(name), compact_latin(name_en)]
    english_words = name_en.split()
    if len(english_words) > 1:  # "Kim Min-su" is also typed "Minsu Kim"
        parts.append(compact_latin("".join(english_words[1:] + english_words[:1])))
    parts.extend(sorted(romanized_name_variants(name)))
    parts.extend(normalize(x) for x in extra if x)
    return " ".join(dict.fromkeys(p for p in parts if p))


def format_korean_date(value, *, with_time: bool = False) -> str:
    """2025. 3. 14. (or 2025. 3. 14. 09:30) — the one way Ieum writes a date.

    Takes a date or a datetime (an aware datetime is shown in the site's time zone). The result
    ends with a period, so a sentence that ends with a date must not add one: ``fill()`` drops
    the doubled period ("2027. 1. 1.." never appears).
    """
    if not value:
        return ""
    import datetime as dt

    from django.utils import timezone

    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if with_time:
            return f"{value.year}. {value.month}. {value.day}. {value:%H:%M}"
    return f"{value.year}. {value.month}. {value.day}."


# --- particles (조사) --------------------------------------------------------------------------------
#
# No package on the index is fit for this (checked December 2026): ``tossi`` (last release 2018,
# pulls in ``six``) writes "Python이(가)" for any Latin word; ``korean-glue`` 0.1 and
# ``korean-josa`` 0.0 are demos with wrong rules ("F"/"H"/"S" read with a final consonant,
# "1으로"); ``hangeul`` 0.2 (a few weeks old) reads every Latin word and every word ending in a
# period as vowel-final ("Python가", "2025. 3. 14.가"). So Ieum keeps this small rule set here,
# tested in ``tests/core/test_korean.py``.

PARTICLE_PAIRS = {
    # pattern: (after a final consonant, after a vowel)
    "이/가": ("이", "가"),
    "은/는": ("은", "는"),
    "을/를": ("을", "를"),
    "과/와": ("과", "와"),
    "와/과": ("과", "와"),
    "으로/로": ("으로", "로"),
    "이나/나": ("이나", "나"),
    "이라/라": ("이라", "라"),
    "이에요/예요": ("이에요", "예요"),
}
# How the markers that Korean editors write after a name read: "%(name)s이(가)".
PARTICLE_MARKERS = {
    "이(가)": "이/가",
    "(이)가": "이/가",
    "은(는)": "은/는",
    "(은)는": "은/는",
    "을(를)": "을/를",
    "(을)를": "을/를",
    "와(과)": "과/와",
    "과(와)": "과/와",
    "(으)로": "으로/로",
    "(이)나": "이나/나",
    "(이)라": "이라/라",
    "(이)에요": "이에요/예요",
}
RIEUL = 8  # the index of ㄹ among final consonants
_SINO_DIGITS = "영일이삼사오육칠팔구"
# A number ending in zeros is read by its last unit: 10 십, 100 백, 1000 천, 10000 만, 10^8 억, 10^12 조.
_ZERO_UNITS = [(12, "조"), (8, "억"), (4, "만"), (3, "천"), (2, "백"), (1, "십")]
# Letter names as read in Korean: only L (엘, 알 for R), M (엠) and N (엔) end in a consonant.
_LETTER_CODAS = {"L": RIEUL, "R": RIEUL, "M": 16, "N": 4}
_KOREAN_DATE_END = re.compile(r"\d{4}\. \d{1,2}\. \d{1,2}\.$")
_TRAILING_NOISE = re.compile(r"(\s*\([^()]*\)|[\s\"'’”」』>\].,!?·…~\-])+$")


def _coda_of_syllable(char: str) -> int:
    return (ord(char) - HANGUL_FIRST) % 28


def final_consonant(word: str) -> int | None:
    """The final consonant (받침) that a particle after ``word`` hears: 0 for a vowel, 8 for ㄹ,
    another index for other consonants, ``None`` for a word with nothing readable at its end.

    A date as ``format_korean_date`` writes it is read by its day (…14일). Looks past closing
    punctuation and a bracketed note ("넥슨(코리아)" → 넥슨), reads digits
    as Sino-Korean numbers (3 삼, 10 십, 2026 육), capitals as letter names (SQL 엘, AI 아이) and a
    Latin word by its usual Korean spelling (Python 파이썬, Excel 엑셀, Java 자바).
    """
    word = unicodedata.normalize("NFC", str(word or "")).strip()
    if _KOREAN_DATE_END.search(word):
        return RIEUL  # "2025. 3. 14." is read "…14일"
    text = _TRAILING_NOISE.sub("", word)
    if not text:
        return None
    last = text[-1]
    if is_hangul_syllable(last):
        return _coda_of_syllable(last)
    if last.isdigit():
        digits = re.search(r"\d+$", text).group()
        stripped = digits.rstrip("0")
        if not stripped:
            return _coda_of_syllable("영")
        zeros = len(digits) - len(stripped)
        if zeros == 0:
            return _coda_of_syllable(_SINO_DIGITS[int(last)])
        for power, unit in _ZERO_UNITS:
            if zeros >= power:
                return _coda_of_syllable(unit)
    if last.isascii() and last.isalpha():
        run = re.search(r"[A-Za-z]+$", text).group()
        if run.isupper():  # an acronym is read letter by letter
            return _LETTER_CODAS.get(last, 0)
        lower = run.lower()
        if lower.endswith("l"):
            return RIEUL  # Excel 엑셀, Google 구글
        if lower.endswith("ng"):
            return 21  # Spring 스프링 (ㅇ)
        if lower.endswith(("m", "n")):
            return 16 if lower.endswith("m") else 4  # Team 팀, Python 파이썬
        if lower.endswith(("ck", "ook", "k")) and not lower.endswith(("ke", "rk")):
            return 1  # Slack 슬랙, Book 북 (ㄱ)
        return 0  # Java 자바, Azure 애저, Cloud 클라우드, Office 오피스, AWS-like words
    return None


def particle(word: str, pattern: str) -> str:
    """The form of ``pattern`` ("이/가", "을/를", "은/는", "와/과", "으로/로" …) that follows ``word``.
    "으로/로" takes 로 after ㄹ (서울로). A word nothing can be read from gets the vowel form."""
    with_consonant, with_vowel = PARTICLE_PAIRS[pattern]
    coda = final_consonant(word)
    if not coda:
        return with_vowel
    if pattern == "으로/로" and coda == RIEUL:
        return with_vowel
    return with_consonant


def with_particle(word, pattern: str) -> str:
    """``word`` followed by the right particle: with_particle("카드뉴스 1월호", "이/가") → "…1월호가"."""
    word = str(word)
    return word + particle(word, pattern)


_FILL_PATTERN = re.compile(
    r"%\((\w+)\)s(['’\"」』]?)("
    + "|".join(re.escape(m) for m in sorted(PARTICLE_MARKERS, key=len, reverse=True))
    + r")?(\.(?!\d))?"
)


def fill(message: str, values: dict) -> str:
    """``message % values`` for Korean sentences: a particle marker written after a placeholder
    ("%(label)s이(가)") becomes the form the value takes, and a value that already ends with a
    period (a date) swallows the sentence's own period.

    The markers keep the catalogue readable for translators; an English msgstr has none and is
    filled as usual.
    """

    def replace(match):
        value = str(values[match.group(1)])
        quote, marker, period = match.group(2), match.group(3), match.group(4)
        out = value + quote + (particle(value, PARTICLE_MARKERS[marker]) if marker else "")
        if period:
            out += "" if (value.endswith(".") and not marker and not quote) else "."
        return out

    return _FILL_PATTERN.sub(replace, str(message).replace("%%", "\x00")).replace("\x00", "%")
