"""Rules, inflections and context exceptions, sentence by sentence."""

import pytest

from hrkit.language.config import ConfigError, make_config
from hrkit.language.rules import default_rules
from hrkit.language.services import check_text


def rules_found(sentence: str, **config) -> list[str]:
    settings = make_config(default_rules(), **config) if config else None
    return [f.rule.id for f in check_text(sentence, settings)]


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("He was an addict for years.", "addict"),
        ("Addicts deserve care too.", "addict"),
        ("The addict’s family called.", "addict"),
        ("She met a heroin addict at the shelter.", "addict"),
        ("Opioid-addicts were turned away.", "addict"),
        ("Our speaker is a former addict.", "former-addict"),
        ("Ex-addicts run the program.", "former-addict"),
        ("The drug user was turned away.", "drug-user"),
        ("Injection drug users face stigma.", "drug-user"),
        ("IV drug users need syringes.", "drug-user"),
        ("Services for users of opioids", "drug-user"),
        ("Services for IDUs", "drug-user-abbreviation"),
        ("Substance abusers are welcome.", "abuser"),
        ("My uncle is an alcoholic.", "alcoholic"),
        ("Alcoholics need support.", "alcoholic"),
        ("Drunks sleep under the bridge.", "drunk"),
        ("A junkie left a needle.", "slang-label"),
        ("Crackheads hang out there.", "slang-label"),
        ("She has been clean for two years.", "clean-person"),
        ("He got clean in 2019.", "clean-person"),
        ("I'm clean now.", "clean-person"),
        ("He stayed clean and sober.", "clean-person"),
        ("They stayed clean for 90 days.", "clean-person"),
        ("She tested clean on Monday.", "clean-result"),
        ("The urine test came back clean.", "clean-result"),
        ("He needs a clean drug screen.", "clean-result"),
        ("Her UA was a dirty UA.", "dirty"),
        ("He tested dirty again.", "dirty"),
        ("Substance abuse is a problem here.", "abuse"),
        ("Opioid abuse kills.", "abuse"),
        ("People who abuse drugs need help.", "abuse"),
        ("He was abusing opioids.", "abuse"),
        ("a heroin habit", "habit"),
        ("She tried to kick the habit.", "habit"),
        ("Medication-assisted treatment works.", "medication-assisted-treatment"),
        ("We offer MAT on site.", "medication-assisted-treatment-abbreviation"),
        ("Methadone is opioid replacement therapy.", "replacement-therapy"),
        ("It just replaces one drug with another.", "replacement-therapy"),
        ("After her relapse she came back.", "relapse"),
        ("He relapsed last week.", "relapse"),
        ("Crack babies grew up fine.", "newborn-label"),
        ("The baby was born addicted to opioids.", "newborn-label"),
        ("Legitimate pain patients lose access.", "deserving-patients"),
        ("They were innocent victims of the epidemic.", "deserving-patients"),
        ("Es un drogadicto.", "es-adicto"),
        ("El abuso de sustancias aumentó.", "es-abuso"),
        ("Dice que ahora está limpio.", "es-limpio"),
        ("Los alcohólicos tienen derecho a atención.", "es-alcoholico"),
    ],
)
def test_stigmatizing_language_is_found(sentence, rule):
    assert rules_found(sentence) == [rule]


@pytest.mark.parametrize(
    "sentence",
    [
        "We hand out clean syringes and clean needles.",
        "Use clean water and clean supplies every time.",
        "Keep your works clean and dry.",
        "Make sure the injection site is clean.",
        "Get clean supplies at the van.",
        "The needles were clean.",
        "Clean up the spoon and cooker after use.",
        "La jeringa está limpia.",
        "Log in to your user account.",
        "The user interface works on old phones.",
        "Users of the website can switch to Spanish.",
        "Every user can reset a password.",
        "Child abuse, sexual abuse and elder abuse hotlines are listed.",
        "Report physical abuse to the police.",
        "The Substance Abuse and Mental Health Services Administration funds the program.",
        "The National Institute on Drug Abuse publishes research.",
        "She goes to Alcoholics Anonymous meetings.",
        "The Vancouver Area Network of Drug Users organised the rally.",
        "Drug user unions speak for their members.",
        "Non-alcoholic drinks and alcoholic beverages are served.",
        "Alcoholic liver disease is treatable.",
        "Addiction is a chronic, relapsing condition.",
        "Relapsing-remitting multiple sclerosis is different.",
        "Nicotine replacement therapy helps people stop smoking.",
        "Wipe the mat by the door.",
        "People who use drugs deserve respect.",
        "A person with a substance use disorder tested negative.",
        "She is in recovery and has not used drugs for two years.",
        "Drunk driving laws are strict.",
        "Ad dictum non est addictum.",
    ],
)
def test_acceptable_language_is_not_found(sentence):
    assert rules_found(sentence) == []


def test_case_and_inflections():
    assert rules_found("DRUG USERS and Drug Users and drug-users") == ["drug-user"] * 3
    assert rules_found("addict addicts addict's addicts’") == ["addict"] * 4


def test_curly_quotes_and_unicode_hyphens():
    assert rules_found("He said “I’m clean” and left.") == ["clean-person"]
    assert rules_found("an ex\u2010addict and a former\u00a0addict") == ["former-addict"] * 2


def test_a_phrase_broken_across_lines_is_found():
    found = check_text("The drug\nusers came by.")
    assert [(f.line, f.column, f.text) for f in found] == [(1, 5, "drug\nusers")]


def test_text_that_changes_length_when_lowercased_keeps_its_columns():
    found = check_text("İİ drug user")
    assert [(f.column, f.text) for f in found] == [(4, "drug user")]


def test_longest_form_wins():
    found = check_text("a recovering addict")
    assert [(f.rule.id, f.text) for f in found] == [("former-addict", "recovering addict")]


def test_rules_can_be_switched_off():
    sentence = "After a relapse he went to an addict support group."
    assert rules_found(sentence) == ["relapse", "addict"]
    assert rules_found(sentence, disable=["relapse"]) == ["addict"]


def test_switching_off_a_longer_rule_still_finds_the_shorter_form():
    assert rules_found("a former addict", disable=["former-addict"]) == ["addict"]


def test_the_allow_list_is_extended_by_configuration():
    sentence = "The Riverside County Substance Abuse Council meets monthly."
    assert rules_found(sentence) == ["abuse"]
    assert rules_found(sentence, allow=["Riverside County Substance Abuse Council"]) == []
    # Only the name is allowed, not the words elsewhere.
    assert rules_found(
        sentence + " Substance abuse is down.", allow=["Riverside County Substance Abuse Council"]
    ) == ["abuse"]


def test_an_unknown_rule_in_configuration_is_an_error_naming_the_field():
    with pytest.raises(ConfigError) as raised:
        make_config(default_rules(), disable=["no-such-rule"])
    assert raised.value.field == "disable"
    assert "no-such-rule" in raised.value.message
    assert "addict" in raised.value.message


def test_fix_keeps_capitals():
    found = check_text("Drug users and DRUG ABUSE and heroin users.")
    assert [f.replacement() for f in found] == [
        "People who use drugs",
        "DRUG USE",
        "people who use heroin",
    ]
