# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The names ``scripts/populate`` gives the people of the benchmark databases
(``scripts/populate_names.py``): the searches of ``scripts/bench`` are as selective as an
agency's, only if the names are as diverse as its clients'.

Plain pytest: no database, no Odoo.
"""

import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import populate_names as names  # noqa: E402


def _people(count=20000, seed=7):
    rnd = random.Random(seed)
    people = []
    for _ in range(count):
        code = names.draw_country(rnd)
        people += names.household_names(rnd, code, rnd.choice((1, 1, 2, 3, 4, 5)))
    return people


def test_each_country_names_its_households_by_its_custom():
    rnd = random.Random(3)
    for _ in range(200):
        # a family name shared by the household
        afghans = names.household_names(rnd, "af", 4)
        assert len({name.split(" ", 1)[1] for name in afghans}) == 1
        # a patronymic: the children carry their father's given name
        head, spouse, *children = names.household_names(rnd, "so", 4, head_female=False)
        assert all(child.split()[1] == head.split()[0] for child in children)
        # two family names: the children take the father's first and the mother's first
        father, mother, *children = names.household_names(rnd, "ve", 4, head_female=False)
        expected = f"{father.split()[1]} {mother.split()[1]}"
        assert all(child.split(" ", 1)[1] == expected for child in children)
        # a mother at the head: the children take the father's (the spouse's) names
        mother, father, *children = names.household_names(rnd, "hn", 3, head_female=True)
        assert children[0].split(" ", 1)[1] == f"{father.split()[1]} {mother.split()[1]}"
    # the unaccompanied children's countries without pools of their own are named as their
    # neighbours
    assert len(names.household_names(rnd, "sv", 3)[2].split()) == 3


def test_the_names_are_as_diverse_as_an_agencys_clients():
    people = _people()
    words = collections.Counter(word for person in people for word in set(person.split()[1:]))
    share = {word: count / len(people) for word, count in words.items()}
    # the bench's name search ("Rahimi", the commonest Afghan family name) matches about one
    # person in seventy, no family name more than one in thirty; a name of 40 first names and
    # 25 family names, each matching 4% of the people, made every search the worst case
    assert 0.008 < share["Rahimi"] < 0.025
    assert max(share.values()) < 0.035
    assert len(set(people)) > len(people) / 10
