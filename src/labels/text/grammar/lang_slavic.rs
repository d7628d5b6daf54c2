//! Grammar tables: Czech, Slovak, Polish, Slovenian, Croatian, Serbian (Latin and Cyrillic),
//! Bulgarian, Russian, Ukrainian.
//!
//! Adjectives and participles decline for case, gender and number, and the verbs have
//! perfective prefixes ("vy-", "s-", "z-"), so the entries are stems: "umel* inteligenci*"
//! covers umelá inteligencia, umelou inteligenciou, umelej inteligencie.

use super::table::Lang;

/// Czech.
pub const CS: Lang = Lang {
    code: "cs",
    name: "Czech",
    ai: "uměl* inteligenc*|jazykov* model*|chatbot*|neuronov* sít*",
    made: "vygenerova*|generova*|vytvořen*|vytvořil*|napsán*|napsal*|vyroben*|nakreslen*|\
        namluven*|udělan*",
    edited: "přeložen*|přeložil*|upraven*",
    help: "pomocí|pomoc*",
    by: "",
    this: "tento|tato|toto|tyto|tomto|této|tohoto|tenhle|tahle|tohle|následující",
    neg: "ne|není|nejsou|nebyl*|bez|žádn*|nikdy",
    neg_after: false,
    cue: "<že|<zda|<jestli|znak*|podezření|podle|sněmovna|projednáv*|označ*|zákon*|povinn*",
    glue: "a|v|ve|na|s|se|z|do|k|o|je|byl|byla|bylo|byly|jsem|jsou|jsme|pro|od|po|při|ale",
    art: "umění",
};

/// Slovak.
pub const SK: Lang = Lang {
    code: "sk",
    name: "Slovak",
    ai: "umel* inteligenci*|jazykov* model*|chatbot*",
    made: "vygenerova*|generova*|vytvoren*|vytvoril*|napísan*|napísal*|urobil*|uroben*|\
        nakreslen*|namluven*",
    edited: "preložen*|upraven*",
    help: "pomocou|pomoc*",
    by: "",
    this: "tento|táto|toto|tieto|tomto|tejto|tohto|nasledujúc*",
    neg: "nie|nebol*|bez|žiadn*|nikdy",
    neg_after: false,
    cue: "<že|<či|znak*|podozrenie|podľa|parlament|zákon*|označ*|schválil*|povinn*",
    glue: "a|v|vo|na|s|so|z|zo|do|k|o|je|bol|bola|bolo|boli|som|sú|pre|od|po|pri|však",
    art: "umenie",
};

/// Polish.
pub const PL: Lang = Lang {
    code: "pl",
    name: "Polish",
    ai: "sztuczn* inteligencj*|SI|model* językow*|chatbot*",
    made: "wygenerowa*|generowan*|stworzon*|stworzył*|utworzon*|napisan*|napisał*|tworzon*|\
        zrobion*|przygotowan*|narysowan*|wykonan*",
    edited: "przetłumaczon*|edytowan*|poprawion*",
    help: "pomocą|użyciu|wsparciem",
    by: "przez",
    this: "ten|ta|to|te|tego|tej|tym|tę|poniższ*|niniejsz*",
    neg: "nie|bez|żadn*|nigdy",
    neg_after: false,
    cue: "<że|<czy|sygnał*|podejrzewa*|według|sejm*|ustaw*|oznaczan*|obowiązk*",
    glue: "w|we|z|ze|na|do|o|i|a|jest|są|był|była|było|były|został|została|zostało|zostały|dla|\
        od|po|przy|jako|mój|ale",
    art: "sztuka|sztuki",
};

/// Slovenian.
pub const SL: Lang = Lang {
    code: "sl",
    name: "Slovenian",
    ai: "umetn* inteligenc*|UI|jezikovn* model*|chatbot*",
    made: "ustvarjen*|ustvaril*|generiran*|generiral*|napisan*|napisal*|narejen*|izdelan*|narisan*",
    edited: "preveden*|urejen*",
    help: "pomočjo",
    by: "",
    this: "ta|to|ti|te|tem|tega|tej|tole|naslednj*",
    neg: "ne|ni|niso|brez|nobene*|nikoli",
    neg_after: false,
    cue: "<da|znak*|sumi|obravnava|označevanj*|zakon*|zbor|zapisal",
    glue: "in|v|na|z|s|je|bil|bila|bilo|so|sem|za|pri|od|po|k|pa",
    art: "umetnost",
};

/// Croatian.
pub const HR: Lang = Lang {
    code: "hr",
    name: "Croatian",
    ai: "umjetn* inteligencij*|jezičn* model*|chatbot*",
    made: "generiran*|generiral*|stvoren*|stvorio|stvorila|napisan*|napisao|napisala|izrađen*|\
        napravljen*|napravio|napravila|nacrtan*",
    edited: "preveden*|uređen*",
    help: "pomoć|pomoću",
    by: "",
    this: "ovaj|ova|ovo|ove|ovi|ovom|ovog|ovoga|ovu|sljedeć*",
    neg: "ne|nije|nisu|bez|nikad*|nijedan",
    neg_after: false,
    cue: "<da|znak*|sumnja*|prema|sabor|označavanj*|zakon*|raspravlja*",
    glue: "i|u|na|s|sa|je|su|sam|bio|bila|bilo|za|od|po|a|iz|ga|uz",
    art: "umjetnost",
};

/// Serbian, in both scripts.
pub const SR: Lang = Lang {
    code: "sr",
    name: "Serbian",
    ai: "veštačk* inteligencij*|вештачк* интелигенциј*|ВИ|četbot*|четбот*|chatbot*|\
        jezičk* model*|језичк* модел*",
    made: "generisan*|generisal*|генерисан*|генерисал*|napravljen*|направљен*|napravil*|\
        направил*|napisan*|написан*|napisal*|написал*|stvoren*|створен*|stvoril*|створил*|\
        izrađen*|израђен*",
    edited: "preveden*|преведен*",
    help: "pomoć|pomoću|помоћ|помоћу",
    by: "",
    this: "ovaj|ova|ovo|ove|ovom|ovu|овај|ова|ово|ове|овом|ову",
    neg: "ne|nije|nisu|bez|не|није|нису|без",
    neg_after: false,
    cue: "<da|<да|znak*|знак*|sumnja*|сумња*|skupštin*|скупштин*|označavanj*|означавањ*|zakon*|\
        закон*|razmatra|разматра",
    glue: "i|u|na|s|sa|je|su|sam|bio|bila|za|od|a|uz|и|у|на|с|са|је|су|сам|био|била|за|од|а|уз",
    art: "umetnost|уметност",
};

/// Bulgarian.
pub const BG: Lang = Lang {
    code: "bg",
    name: "Bulgarian",
    ai: "изкуствен* интелект*|ИИ|чатбот*|езиков* модел*",
    made: "генерира*|създаден*|създадох|написан*|написах|направен*|изработен*|нарисуван*",
    edited: "преведен*|редактиран*",
    help: "помощта|помощ",
    by: "от",
    this: "този|тази|това|тези|следващ*",
    neg: "не|без|никога|нито",
    neg_after: false,
    cue: "<че|<дали|признак*|подозира*|според|парламент*|етикетиран*|задължителн*|закон*|обсъжда*",
    glue: "и|в|във|на|с|със|е|са|беше|бе|за|по|до|а|съм|една|един|едно|но",
    art: "изкуство",
};

/// Russian.
pub const RU: Lang = Lang {
    code: "ru",
    name: "Russian",
    ai: "искусственн* интеллект*|ИИ|нейросет*|нейронн* сет*|языков* модел*|чат бот*|чатбот*",
    made: "сгенерирова*|генерирова*|создан*|создал*|написан*|написал*|сделан*|сделал*|\
        нарисован*|нарисовал*|озвучен*|подготовлен*",
    edited: "переведен*|отредактирован*|обработан*",
    help: "помощью|помощи",
    by: "",
    this: "этот|эта|это|эти|этого|этой|этом|эту|данн*|следующ*|настоящ*",
    neg: "не|без|ни|никогда|нет",
    neg_after: false,
    cue: "<что|<ли|признак*|подозрева*|словам|госдума|маркировк*|обязательн*|закон*|обсуждает",
    glue: "и|в|во|на|с|со|от|для|по|к|о|а|я|мы|был|была|было|были|только|но",
    art: "искусство",
};

/// Ukrainian.
pub const UK: Lang = Lang {
    code: "uk",
    name: "Ukrainian",
    ai: "штучн* інтелект*|ШІ|нейромереж*|мовн* модел*|чат бот*|чатбот*",
    made: "згенерова*|згенеру*|генерова*|генеру*|створен*|створив|створила|створил*|написан*|\
        написав|написала|зроблен*|зробив|зробила|намальован*|озвучен*",
    edited: "перекладен*|відредагован*",
    help: "допомогою",
    by: "",
    this: "цей|ця|це|ці|цього|цієї|цьому|цю|наступн*|даний",
    neg: "не|без|ні|ніколи",
    neg_after: false,
    cue: "<що|<чи|ознак*|підозрює|словами|верховна|маркуван*|законопроєкт*|закон*|розглядає",
    glue: "і|й|в|у|на|з|із|від|до|для|по|а|я|був|була|було|були|та|але|за",
    art: "мистецтво",
};
