"""Korean-aware text helpers for search and display.

Search must find 김민수 from "ㄱㅁㅅ", "민수", "kim minsu" or "minsu kim", and 교육 from "교육을".
Postgres and SQLite tokenisers know no Korean, so we store a normalised search key per record and
expand each query word into the variants it may stand for.
"""

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


def romanized_name_variants(name: str) -> set[str]:
    """Ways a Korean name may be typed in Latin letters, surname first and last."""
    name = name.strip()
    if not name or not all(is_hangul_syllable(ch) for ch in name):
        return set()
    surname, given = name[0], name[1:]
    given_rr = compact_latin(Romanizer(given).romanize()) if given else ""
    surnames = {compact_latin(Romanizer(surname).romanize()), *SURNAME_SPELLINGS.get(surname, [])}
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


def format_korean_date(value) -> str:
    """2025. 3. 14. — the Korean way of writing a date."""
    if not value:
        return ""
    return f"{value.year}. {value.month}. {value.day}."
