"""The Porter2 ("Snowball English") stemmer in pure Python, following the published algorithm:
https://snowballstem.org/algorithms/english/stemmer.html"""

VOWELS = frozenset("aeiouy")
DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
LI_ENDINGS = frozenset("cdeghkmnrt")
EXCEPTIONS = {"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
              "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
              "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias",
              "andes": "andes"}
AFTER_STEP1A = frozenset(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"])
STEP2 = [("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
         ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"), ("entli", "ent"), ("ation", "ate"),
         ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"), ("enci", "ence"),
         ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"), ("alli", "al"), ("bli", "ble"),
         ("ogi", "og"), ("li", "")]
STEP3 = [("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
         ("ative", ""), ("ical", "ic"), ("ness", ""), ("ful", "")]
STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
         "ion", "al", "er", "ic"]


def _region_after_vc(word, start=0):
    """Index after the first non-vowel that follows a vowel, from `start` (len(word) if none)."""
    for i in range(start + 1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return i + 1
    return len(word)


def _regions(word):
    for prefix in ("gener", "commun", "arsen"):
        if word.startswith(prefix):
            r1 = len(prefix)
            break
    else:
        r1 = _region_after_vc(word)
    return r1, _region_after_vc(word, r1)


def _short_syllable_at_end(word):
    if len(word) == 2:
        return word[0] in VOWELS and word[1] not in VOWELS
    return (len(word) >= 3 and word[-3] not in VOWELS and word[-2] in VOWELS
            and word[-1] not in VOWELS and word[-1] not in "wxY")


def _is_short(word, r1):
    return r1 >= len(word) and _short_syllable_at_end(word)


def _has_vowel(text):
    return any(c in VOWELS for c in text)


def stem(word):
    """The Porter2 stem of one lower-case word."""
    if len(word) <= 2:
        return word
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    if word.startswith("'"):
        word = word[1:]
    if word.startswith("y"):
        word = "Y" + word[1:]
    chars = list(word)
    for i in range(1, len(chars)):
        if chars[i] == "y" and chars[i - 1] in VOWELS:
            chars[i] = "Y"
    word = "".join(chars)
    r1, r2 = _regions(word)

    # step 0: possessives
    for suffix in ("'s'", "'s", "'"):
        if word.endswith(suffix):
            word = word[:-len(suffix)]
            break
    # step 1a
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ied") or word.endswith("ies"):
        word = word[:-2] if len(word) > 4 else word[:-1]
    elif word.endswith("us") or word.endswith("ss"):
        pass
    elif word.endswith("s") and _has_vowel(word[:-2]):
        word = word[:-1]
    if word in AFTER_STEP1A:
        return word
    # step 1b
    for suffix in ("eedly", "eed"):
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1:
                word = word[:-len(suffix)] + "ee"
            break
    else:
        for suffix in ("ingly", "edly", "ing", "ed"):
            if word.endswith(suffix):
                stem_part = word[:-len(suffix)]
                if _has_vowel(stem_part):
                    word = stem_part
                    if word.endswith(("at", "bl", "iz")):
                        word += "e"
                    elif word.endswith(DOUBLES):
                        word = word[:-1]
                    elif _is_short(word, r1):
                        word += "e"
                break
    # step 1c
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in VOWELS:
        word = word[:-1] + "i"
    # step 2
    for suffix, replacement in STEP2:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1:
                if suffix == "ogi":
                    if word[-4:-3] == "l":
                        word = word[:-3] + "og"
                elif suffix == "li":
                    if word[-3:-2] in LI_ENDINGS and len(word) >= 3:
                        word = word[:-2]
                else:
                    word = word[:-len(suffix)] + replacement
            break
    # step 3
    for suffix, replacement in STEP3:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1:
                if suffix == "ative":
                    if len(word) - len(suffix) >= r2:
                        word = word[:-5]
                else:
                    word = word[:-len(suffix)] + replacement
            break
    # step 4
    for suffix in STEP4:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r2:
                if suffix == "ion":
                    if word[-4:-3] in ("s", "t"):
                        word = word[:-3]
                else:
                    word = word[:-len(suffix)]
            break
    # step 5
    if word.endswith("e"):
        if len(word) - 1 >= r2 or (len(word) - 1 >= r1 and not _short_syllable_at_end(word[:-1])):
            word = word[:-1]
    elif word.endswith("l") and len(word) - 1 >= r2 and word[-2:-1] == "l":
        word = word[:-1]
    return word.replace("Y", "y")
