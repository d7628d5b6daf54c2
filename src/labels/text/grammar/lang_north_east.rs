//! Grammar tables: Estonian, Finnish (Finnic: the AI term takes the case endings, "tekoälyllä",
//! "tehisintellektiga"), Lithuanian, Latvian (Baltic), Hungarian.

use super::table::Lang;

/// Estonian.
pub const ET: Lang = Lang {
    code: "et",
    name: "Estonian",
    ai: "tehisintellekt*|tehisaru*|keelemudel*|vestlusrobot*",
    made: "loodud|loonud|lõi|genereeri*|kirjutatud|kirjutanud|kirjutasin|tehtud|toodetud|\
        joonistatud|valmistatud|koostatud",
    edited: "tõlgitud|toimetatud|töödeldud",
    help: "abiga|toel",
    by: "",
    this: "see|seda|selle|need|käesolev*|järgmi*",
    neg: "ei|ilma|pole|mitte",
    neg_after: false,
    cue: "<et|<kas|märki|märgid|kahtlust*|arutab|märgist*|nõue*|seadus*|riigikogu",
    glue: "on|oli|ja|ning|ka|aga|mis|ma|me|minu|abil",
    art: "kunst",
};

/// Finnish.
pub const FI: Lang = Lang {
    code: "fi",
    name: "Finnish",
    ai: "tekoäly*|kielimalli*|keskustelubot*|chatbot*",
    made: "tuotettu|tuottama*|tuottanut|luotu|luoma*|luonut|loi|tehty|tekemä*|kirjoitettu|\
        kirjoittama*|kirjoitin|kirjoittanut|generoi*|piirretty|piirtämä*|laadittu|laatima*",
    edited: "käännetty|kääntämä*|muokattu|muokkaama*",
    help: "avulla|avustuksella|avustamana|tuella",
    by: "",
    this: "tämä|tämän|tätä|nämä|seuraava*",
    neg: "ei|ilman|eikä",
    neg_after: false,
    cue: "<että|<onko|merkki*|merkitse*|käsittel*|eduskunta|laki*|epäilee",
    glue: "on|oli|ovat|ja|sekä|se|ne|mutta|olen",
    art: "taide",
};

/// Lithuanian.
pub const LT: Lang = Lang {
    code: "lt",
    name: "Lithuanian",
    ai: "dirbtin* intelekt*|DI|kalbos model*|pokalbių robot*",
    made: "sugeneruot*|sugeneravo|generuot*|sukurt*|sukūrė|parašyt*|parašė|parašiau|padaryt*|\
        nupieš*|įgarsint*",
    edited: "išverst*|redaguot*",
    help: "padedant|pagalba|pagalbą",
    by: "",
    this: "šis|ši|šį|šią|šio|šios|šiame|šiuo|toliau",
    neg: "ne|nėra|be|nenaudojant|niekada",
    neg_after: false,
    cue: "<kad|<ar|ženkl*|įtaria|seimas|svarsto|žymėti|privalom*|įstatym*|rašė",
    glue: "ir|o|yra|buvo|su|iš|į|per|mano|bet|naudojant",
    art: "menas",
};

/// Latvian.
pub const LV: Lang = Lang {
    code: "lv",
    name: "Latvian",
    ai: "mākslīg* intelekt*|MI|valodas model*|tērzēšanas robot*",
    made: "ģenerēt*|ģenerēj*|radīt*|radījis|uzrakstīt*|uzrakstīju|uzrakstījis|rakstīt*|\
        izveidot*|veidot*|zīmēt*|sagatavot*",
    edited: "tulkot*|rediģēt*|pārtulkot*",
    help: "palīdzību",
    by: "",
    this: "šis|šī|šo|šajā|šie|šīs",
    neg: "nav|bez|ne|nekad",
    neg_after: false,
    cue: "<ka|<vai|pazīm*|aizdomās|saeima|apspriež*|marķēt*|prasīb*|likum*|rakstīja",
    glue: "ir|bija|ar|un|to|bet|mans|mana|izmantojot",
    art: "māksla",
};

/// Hungarian.
pub const HU: Lang = Lang {
    code: "hu",
    name: "Hungarian",
    ai: "mesterséges intelligenci*|MI|nyelvi modell*|chatbot*|csetbot*",
    made: "generált*|generálta|generálták|készült*|készítette|készített*|írta|írtam|írt|írva|\
        létrehoz*|alkotta|rajzolta",
    edited: "fordított*|fordította|szerkesztett*|javított*",
    help: "segítségével|segítséggel",
    by: "által",
    this: "ez|ezt|ezen|ezek|ebben|alábbi|következő",
    neg: "nem|nélkül|soha|sem|nincs",
    neg_after: false,
    cue: "<hogy|<vajon|jel|jelek|kiderül|gyanít*|szerint|országgyűlés*|kötelező*|jelölés*|\
        vitáz*|törvény*",
    glue: "a|az|egy|és|vagy|van|volt|pedig|de|is|meg",
    art: "művészet|kép",
};
