//! Grammar tables: English, German, Dutch, Danish, Norwegian (Bokmål), Swedish.
//!
//! Participles are listed as stems only where the stem cannot also start a noun ("generiert*"
//! covers generiert, generierte, generiertes but not Generierung); English lists the forms.

use super::table::Lang;

/// English.
pub const EN: Lang = Lang {
    code: "en",
    name: "English",
    ai: "artificial intelligence|large language model*|language model*|chatbot*|\
        synthetic voice*|synthetic|machine|computer|neural network*|AI-powered",
    made: "generated|generate|generates|created|create|creates|written|write|writes|wrote|made|\
        produced|drafted|composed|authored|rendered|illustrated|drawn|painted|designed|narrated|\
        voiced|synthesized|synthesised|animated|coded|generating|writing|creating",
    edited: "edited|translated|assisted|enhanced|retouched|improved|polished|proofread|\
        summarized|summarised|transcribed|extended|upscaled|rewritten|refined",
    help: "help|helped|assistance|aid|support",
    by: "by",
    this: "this|these|here|the following|above|below",
    neg: "not|no|never|without|none|neither|nor|nothing|didn|wasn|isn|weren|aren|hasn|haven|\
        doesn|don|nobody",
    neg_after: false,
    cue: "<that|<if|<whether|how|why|says|said|say|claims|claimed|suspects|suspected|believes|\
        alleged|allegedly|according|reportedly|signs|tell|detect|detecting|spot|identify|\
        requires|require|required|must|should|law|laws|act|regulation|regulations|rules|policy|\
        ban|bans|banned|labelling|labeling|mark|researchers|study|found|poll|worry|worries|\
        concerns|fake|deepfake|deepfakes|accused|thinks|suggests|warned|warns|label|labels|\
        lawmakers|parliament|government|debate|debates|<every|<any",
    glue: "the|a|an|of|in|on|at|to|for|from|with|and|or|is|was|were|are|be|been|has|have|had|it|\
        its|using|partly|partially|fully|entirely|wholly|automatically|auto|large|our|your|my|i|\
        we|via|some|parts|part",
    art: "art|image|images|content|photo|music|video|written|summary|translation|text|answer|\
        overview|transcript|caption|captions",
};

/// German.
pub const DE: Lang = Lang {
    code: "de",
    name: "German",
    ai: "KI|künstlich* intelligenz*|sprachmodell*|chatbot*|neuronal* netz*|maschinell",
    made: "generiert*|erstellt*|erzeugt*|geschrieben*|verfasst*|erschaffen|gemacht*|produziert*|\
        gestaltet*|gezeichnet*|gemalt*|entstanden|komponiert*|eingesprochen*|vertont*|\
        synthetisiert*|entworfen*|schrieb|generierte|erstellte|erzeugte",
    edited: "übersetzt*|bearbeitet*|überarbeitet*|unterstützt*|gestützt*|optimiert*|verbessert*|\
        korrigiert*",
    help: "mithilfe|hilfe|unterstützung|zuhilfenahme",
    by: "von|durch",
    this: "dies*|vorliegend*|folgend*|hier",
    neg: "nicht|kein*|ohne|nie|niemals|weder",
    neg_after: false,
    cue: "<dass|<ob|<wie|sagt*|sagte*|behauptet*|vermutet*|glaubt*|laut|zufolge|anzeichen|\
        merkmal*|erkennen|erkennt|gesetz*|kennzeichnung*|kennzeichnungspflicht*|pflicht*|\
        bundestag*|regierung*|debattiert*|fordert*|gefälscht*|verordnung*|studie*|forscher*|\
        warnt",
    glue: "der|die|das|den|dem|des|ein|eine|einer|einem|einen|eines|und|oder|mit|zu|zur|zum|im|\
        in|am|an|auf|für|wurde|wurden|ist|sind|war|waren|wird|werden|worden|hat|haben|habe|ich|\
        wir|teilweise|teile|vollständig|komplett|ganz|großen|großes|großer|aber|mittels",
    art: "kunst|bild|bilder|foto",
};

/// Dutch.
pub const NL: Lang = Lang {
    code: "nl",
    name: "Dutch",
    ai: "kunstmatige intelligentie|taalmodel*|chatbot*",
    made: "gegenereerd*|gemaakt|geschreven|gecreëerd|geproduceerd|ontworpen|getekend|\
        ingesproken|genereerde|maakte|schreef|gecomponeerd",
    edited: "vertaald*|bewerkt*|ondersteund*|herschreven|verbeterd",
    help: "behulp|hulp|ondersteuning",
    by: "door",
    this: "dit|deze|hier|onderstaand*",
    neg: "niet|geen|zonder|nooit",
    neg_after: false,
    cue: "<dat|<of|hoe|herkennen|zegt|zei|vermoedt|volgens|kamer|wet|wetten|label|verplicht*|\
        regering|beweert",
    glue: "de|het|een|van|in|is|zijn|was|werd|werden|met|en|op|voor|ik|heb|we|wij|mijn|maar",
    art: "kunst|beeld|afbeelding",
};

/// Danish.
pub const DA: Lang = Lang {
    code: "da",
    name: "Danish",
    ai: "kunstig intelligens|sprogmodel*|chatbot*",
    made: "genereret|genererede|lavet|skrevet|skabt|produceret|oprettet|tegnet|lavede|skrev|\
        komponeret|indtalt",
    edited: "oversat|redigeret|bearbejdet|assisteret|forbedret",
    help: "hjælp|assistance",
    by: "af",
    this: "denne|dette|disse|her|følgende",
    neg: "ikke|ingen|uden|aldrig",
    neg_after: false,
    cue: "<at|<om|hvordan|tegn|siger|sagde|mistænker|ifølge|folketinget|krav|mærkning|lov|loven|\
        regeringen",
    glue: "en|et|den|det|de|er|var|blev|med|og|i|på|til|fra|af|har|jeg|vi|min|mit|mine|men",
    art: "kunst|billede",
};

/// Norwegian (Bokmål).
pub const NO: Lang = Lang {
    code: "no",
    name: "Norwegian",
    ai: "KI|kunstig intelligens|språkmodell*|chatbot*",
    made: "generert|genererte|laget|skrevet|skapt|produsert|tegnet|lagde|skrev|komponert|innlest",
    edited: "oversatt|redigert|bearbeidet|forbedret",
    help: "hjelp",
    by: "av",
    this: "denne|dette|disse|her|følgende",
    neg: "ikke|ingen|uten|aldri",
    neg_after: false,
    cue: "<at|<om|hvordan|tegn|sier|sa|mistenker|ifølge|stortinget|krav|kreve|merking|lov|loven|\
        regjeringen",
    glue: "en|et|ei|den|det|de|er|var|ble|med|og|i|på|til|fra|av|har|jeg|vi|min|mitt|mine|men",
    art: "kunst|bilde",
};

/// Swedish.
pub const SV: Lang = Lang {
    code: "sv",
    name: "Swedish",
    ai: "artificiell intelligens|språkmodell*|chattbot*|chatbot*",
    made: "genererad*|genererat|genererade|genererades|skapad*|skapat|skapade|skapades|skriven|\
        skrivet|skrivna|gjord*|gjort|producerad*|tecknad|skrev|inläst",
    edited: "översatt*|översatts|redigerad*|bearbetad*|förbättrad*",
    help: "hjälp",
    by: "av",
    this: "denna|detta|dessa|den här|det här|här|följande",
    neg: "inte|ingen|inget|utan|aldrig",
    neg_after: false,
    cue: "<att|<om|hur|tecken|säger|sa|misstänker|enligt|regeringen|märkas|märkning|lag|lagen|krav",
    glue: "en|ett|den|det|de|är|var|blev|med|och|i|på|till|från|av|har|jag|vi|min|mitt|mina|\
        helt|men",
    art: "konst|bild",
};
