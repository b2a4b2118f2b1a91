# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The names of the people ``scripts/populate`` creates, as a resettlement agency's clients
are named.

A household comes from one country of origin, drawn with the weight of its arrivals, and its
people are named by that country's custom:
- a family name shared by the household (Afghanistan, Syria, Iraq, the Great Lakes, Ukraine);
- a patronymic (Somalia, Eritrea, Sudan, South Sudan): each adult's second name is the
  father's given name, and the children's is their father's, so a household does not share one;
- two family names (Venezuela, Guatemala, Honduras): the father's, then the mother's, and the
  children take the first family name of each parent;
- a personal name of two parts and no family name (Myanmar).

Within a country the family names are drawn by their rank (Zipf: the commonest name of a
country is the name of about one household in six from it, and of about one person in a
hundred in the database) and the given names less steeply. The searches of
``scripts/bench`` look for "Rahimi", the commonest Afghan family name here.
"""

# country code: (weight of its arrivals, custom, female given names, male given names,
# family names from the commonest); the weights follow the countries of origin of the
# refugees resettled to the United States in recent years (rounded).
COUNTRIES = {
    "cd": (
        20,
        "family",
        "Esperance Grace Marie Furaha Neema Aline Claudine Jeanne Divine Chantal Solange "
        "Bahati Josephine Annette Nadine Sifa Riziki Clarisse Immaculée Françoise",
        "Jean Claude Emmanuel Patrick Eric Innocent Pascal Jean-Pierre Olivier Dieudonné "
        "Bienvenu Fidèle Prosper Amani Faustin Espoir Joseph Désiré Didier Théophile",
        "Mutombo Ilunga Kalonji Mbuyi Tshibangu Kasongo Mukendi Lukusa Ngoy Kabongo Mulumba "
        "Mapendo Byamungu Habimana Bisimwa Cirhuza Mushagalusa Amisi Mwamba Kyungu Banza "
        "Nsimba Mavungu Lumbala Kayembe Masudi Shabani Zawadi Kabila Bahati",
    ),
    "af": (
        16,
        "family",
        "Fatima Maryam Zahra Shabnam Nadia Farzana Soraya Parwana Mahbooba Roya Laila "
        "Freshta Zarghona Habiba Nargis Shukria Marzia Sima Gulalai Mina",
        "Ahmad Mohammad Abdul Hamid Naveed Farid Jawad Khalid Mustafa Sayed Wahid Rahim "
        "Karim Bashir Najib Omid Ali Hassan Zabihullah Rohullah",
        "Rahimi Ahmadi Mohammadi Hussaini Haidari Sultani Noori Karimi Rezaei Hakimi Sadat "
        "Amiri Azizi Jafari Safi Wardak Popal Stanekzai Yousufzai Niazi Qaderi Rasuli "
        "Sharifi Habibi Nazari Faizi Hashimi Mansoori Zazai Ghafoori Samadi Barakzai "
        "Durrani Alokozay Taheri",
    ),
    "ve": (
        10,
        "two",
        "María Ana Daniela Carmen Gabriela Valentina Andrea Sofía Lucía Rosa Mariela "
        "Yesenia Karla Fernanda Isabel Paola Alejandra Marisol Gloria Elena",
        "Carlos José Luis Juan Jorge Miguel Pedro Jesús Manuel Andrés Diego Rafael Javier "
        "Ángel Francisco Ricardo Eduardo Fernando Óscar Wilmer",
        "Rodríguez González Pérez Hernández García Martínez Díaz Sánchez Ramírez Rojas "
        "Mendoza Torres Romero Moreno Gutiérrez Castillo Suárez Blanco Rivas Medina "
        "Márquez Salazar Herrera Contreras Vargas",
    ),
    "sy": (
        8,
        "family",
        "Amina Aisha Fatima Mariam Layla Noor Hana Rania Salma Yasmin Huda Rasha Dalia "
        "Lina Reem Samira Zeinab Nadia Rima Abir",
        "Omar Ahmad Mohammed Khalid Yusuf Hassan Hussein Ali Samir Tariq Bashar Walid "
        "Mahmoud Ibrahim Mustafa Faisal Ammar Ziad Karim Adnan",
        "Al-Hassan Haddad Khoury Al-Ahmad Hamdan Al-Masri Darwish Kassab Halabi Shami Najjar "
        "Sabbagh Al-Khatib Mansour Al-Hamwi Qasem Jaber Saleh Ibrahim Al-Sayed Nasser "
        "Shaker Alloush Bakkour Al-Hariri",
    ),
    "ua": (
        8,
        "family",
        "Olena Iryna Oksana Tetiana Natalia Yulia Svitlana Kateryna Anastasiia Mariia "
        "Halyna Liudmyla Olha Viktoriia Daryna Sofiia Anna Nadiia Alina Khrystyna",
        "Andriy Oleksandr Serhii Volodymyr Dmytro Mykola Yurii Ivan Vasyl Petro Bohdan "
        "Taras Maksym Artem Oleh Roman Vitalii Ihor Denys Yaroslav",
        "Kovalenko Shevchenko Bondarenko Tkachenko Kravchenko Boiko Melnyk Koval Oliinyk "
        "Shevchuk Polishchuk Lysenko Moroz Rudenko Marchenko Savchenko Petrenko Klymenko "
        "Pavlenko Kovalchuk Ponomarenko Tkachuk Levchenko Kharchenko Hnatiuk Bilyk "
        "Kuzmenko Zinchenko Sydorenko Vasylenko",
    ),
    "mm": (
        7,
        "personal",
        "Khin Aye Mya Thandar Hnin Su Nwe Thida Paw Hser Zin Ei Yamin Cho Phyu Htet Sandar "
        "Naw Moe Nilar",
        "Aung Kyaw Htoo Soe Zaw Min Saw Ko Than Tun Win Myo Naing Thein Hla Kaung Thura Ye "
        "Nay Pyae",
        "Moe Htoo Win Tun Oo Naing Aung Myint Soe Thu Paw Say Lwin Hlaing Kyaw Thein Maung "
        "Htet Zaw Wah Mu Eh Ler Blu Wai",
    ),
    "so": (
        6,
        "patronymic",
        "Hodan Amina Fadumo Sahra Hawa Khadra Ifrah Nasra Ubah Deeqa Asha Halima Maryan "
        "Sagal Ayaan Ikran Hibaaq Farhiya Muna Idil",
        "Abdi Mohamed Ahmed Hassan Abdullahi Ali Yusuf Omar Farah Ismail Abdirahman "
        "Abdikadir Said Osman Mahad Bashir Liban Guled Hamza Jama",
        "Abdullahi Warsame Mohamed Hassan Farah Ali Osman Jama Yusuf Aden Hussein Nur Abdi "
        "Egal Samatar Dahir Hirsi Ibrahim Mohamud Isse Elmi Gedi Barre Omar Duale",
    ),
    "er": (
        5,
        "patronymic",
        "Selam Hiwet Senait Helen Saba Yordanos Mebrat Tsega Rahwa Winta Feven Semhar Luwam "
        "Eden Ruta Almaz Meaza Tirhas Freweyni Nardos",
        "Yonas Dawit Tesfay Samuel Habtom Mehari Filmon Yohannes Kidane Biniam Robel "
        "Merhawi Tekle Amanuel Aron Berhane Goitom Henok Senay Michael",
        "Tesfaye Gebremedhin Tekle Haile Ghebreyesus Kidane Berhe Woldu Asmerom Mehari "
        "Weldemichael Ghebremariam Habte Okbay Negash Tesfamariam Abraha Kahsay Gebru Zerai",
    ),
    "sd": (
        5,
        "patronymic",
        "Amna Fatima Mariam Hawa Zainab Khadija Asha Sara Aisha Nafisa Huda Samia Rabab "
        "Ikhlas Hanan Suad Awadia Nemat Howida Sumaya",
        "Mohamed Ahmed Osman Idris Abdelrahman Adam Ishag Yagoub Babiker Elamin Hamid "
        "Abakar Suleiman Musa Eltayeb Abdalla Bashir Haroun Ismail Omer",
        "Osman Idris Abdelrahman Elhassan Adam Ishag Yagoub Babiker Elamin Hamid Abakar "
        "Suleiman Musa Eltayeb Abdalla Ahmed Bashir Haroun Ismail Mohamed",
    ),
    "iq": (
        4,
        "family",
        "Zainab Fatima Noor Maryam Sara Huda Shahad Rusul Ban Hiba Israa Duaa Zahraa Ruqaya "
        "Nada Amal Suha Wafaa Maysoon Sanaa",
        "Ali Hussein Ahmed Mohammed Mustafa Haider Abbas Karrar Hassan Omar Yasir Muntadhar "
        "Ammar Saad Salam Qais Raad Firas Hamza Sinan",
        "Al-Jubouri Al-Obaidi Al-Dulaimi Al-Tamimi Al-Saadi Kareem Hadi Abbas Jawad "
        "Al-Rubaie Al-Shammari Hamoudi Salman Al-Zubaidi Kadhim Al-Bayati Yousif Toma Shaba "
        "Sulaiman",
    ),
    "gt": (
        3,
        "two",
        "María Ana Rosa Juana Elena Marta Sandra Gladys Olga Lesly Yesenia Ingrid Andrea "
        "Floridalma Irma Heidy Brenda Wendy Silvia Lucía",
        "José Juan Carlos Luis Pedro Marvin Byron Edgar Mario Jorge Selvin Erick Miguel "
        "Santos Francisco Henry Kevin Otto Rony Walter",
        "López Pérez García Hernández Morales Gómez Ramírez Xol Ajú Cac Choc Tzul Coc Pop "
        "Caal Chávez Cuc Sic Ixcoy Batz",
    ),
    "hn": (
        3,
        "two",
        "María Ana Dania Karla Suyapa Wendy Gloria Rosa Lesbia Yolanda Dilcia Reina Iris "
        "Sandra Nohemí Marlen Keila Jessica Fany Lourdes",
        "José Juan Carlos Luis Marvin Jorge Elvin Nelson Óscar Wilmer Denis Santos Mario "
        "Edwin Javier Francisco Kevin Darwin Melvin Roger",
        "Hernández López Martínez Rodríguez Flores Mejía Reyes Cruz Castro Zelaya Aguilar "
        "Ramos Euceda Velásquez Ordóñez Banegas Maradiaga Orellana Paz Amaya",
    ),
    "bi": (
        3,
        "family",
        "Claudine Aline Esperance Divine Gloriose Jeanine Francine Nadège Odette Ange "
        "Béatrice Diane Sandrine Liliane Belyse Candide Josiane Annick Médiatrice Ornella",
        "Jean Emmanuel Eric Pascal Pierre Innocent Fabrice Thierry Déo Léonidas Salvator "
        "Gervais Cyprien Alexis Aimable Désiré Fidèle Elvis Arsène Jérémie",
        "Nkurunziza Ndayishimiye Niyonzima Hakizimana Ndikumana Bizimana Niyonkuru Irakoze "
        "Uwase Ntakirutimana Nshimirimana Havyarimana Manirakiza Ndayizeye Kwizera "
        "Iradukunda Niyongabo Sindayigaya Nduwimana Bigirimana",
    ),
    "ss": (
        2,
        "patronymic",
        "Nyandeng Achol Ayen Nyibol Abuk Adut Awut Nyakuma Nyaluak Akuol Rebecca Mary "
        "Elizabeth Grace Sarah Nyanut Athieng Adhieu Nyawal Ajok",
        "Deng Garang Majok Malual Chol Kuol Akech Gatluak Riek Machar Lual Mabior Thon John "
        "Peter Gabriel Makur Ajang Manyang Tut",
        "Deng Garang Akol Majok Kuol Chol Lual Malual Mayen Gatluak Bol Ajak Yak Atem Dut "
        "Makuei Ater Thiong Wol Manyok",
    ),
}
# the unaccompanied children released to a sponsor (rrs_minors) come mostly from Central
# America; El Salvador, Ecuador and Mexico are named as their neighbours are
CHILDREN_COUNTRIES = {"gt": 35, "hn": 30, "sv": 15, "ec": 8, "mx": 7, "af": 5}
_NAMED_AS = {"sv": "hn", "ec": "ve", "mx": "gt"}

_POOLS = {
    code: (
        custom,
        female.split(),
        male.split(),
        family.split(),
    )
    for code, (_weight, custom, female, male, family) in COUNTRIES.items()
}


def _zipf(count, exponent):
    return [1 / (rank + 1) ** exponent for rank in range(count)]


_WEIGHTS = {
    code: (
        _zipf(len(female), 0.6),
        _zipf(len(male), 0.6),
        _zipf(len(family), 0.5),
    )
    for code, (_custom, female, male, family) in _POOLS.items()
}


def draw_country(rnd, weights=None):
    """A country of origin (its code), with the weight of its arrivals."""
    weights = weights or {code: spec[0] for code, spec in COUNTRIES.items()}
    codes = list(weights)
    return rnd.choices(codes, [weights[c] for c in codes])[0]


class _Country:
    def __init__(self, rnd, code):
        self.rnd = rnd
        self.custom, self.female, self.male, self.family = _POOLS[code]
        self.w_female, self.w_male, self.w_family = _WEIGHTS[code]

    def given(self, female):
        pool, weights = (self.female, self.w_female) if female else (self.male, self.w_male)
        return self.rnd.choices(pool, weights)[0]

    def family_name(self):
        return self.rnd.choices(self.family, self.w_family)[0]


def household_names(rnd, code, size, head_female=None):
    """The names of a household of ``size`` people from the country ``code``: the head, the
    spouse (from the second person on), then the children."""
    country = _Country(rnd, _NAMED_AS.get(code, code))
    if head_female is None:
        head_female = rnd.random() < 0.3
    females = [head_female, not head_female] + [rnd.random() < 0.5 for _ in range(size - 2)]
    givens = [country.given(female) for female in females[:size]]
    # the children's father: the head or the spouse; a mother alone gives her children the
    # name of a father who did not come
    father_given = (
        givens[0]
        if not head_female
        else (givens[1] if size > 1 and not females[1] else country.given(False))
    )
    if country.custom == "family":
        family = country.family_name()
        return [f"{given} {family}" for given in givens]
    if country.custom == "patronymic":
        # each adult's father, and the children's
        adults = [f"{givens[0]} {country.given(False)}"]
        if size > 1:
            adults.append(f"{givens[1]} {country.given(False)}")
        return adults + [f"{given} {father_given}" for given in givens[2:]]
    if country.custom == "two":
        parents = [(country.family_name(), country.family_name()) for _ in range(min(size, 2))]
        names = [f"{givens[k]} {first} {second}" for k, (first, second) in enumerate(parents)]
        if size > 2:
            father = 1 if head_female else 0
            fathers, mothers = parents[father], parents[1 - father]
            names += [f"{given} {fathers[0]} {mothers[0]}" for given in givens[2:]]
        return names
    # a personal name of two parts
    return [f"{given} {country.family_name()}" for given in givens]


def person_name(rnd, code=None):
    """One adult's name, from ``code`` or a country drawn by its arrivals."""
    return household_names(rnd, code or draw_country(rnd), 1)[0]
