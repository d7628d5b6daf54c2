//! Grammar tables: Greek, Maltese, Irish, Turkish, Arabic, Hindi.
//!
//! Irish lenites and eclipses ("intleacht shaorga", "le hintleacht"), Arabic attaches articles
//! and prepositions ("بالذكاء"), Turkish stacks suffixes ("üretilmedi": was not produced): such
//! words are matched inside words (`*part*`).

use super::table::Lang;

/// Greek.
pub const EL: Lang = Lang {
    code: "el",
    name: "Greek",
    ai: "τεχνητ* νοημοσύν*|ΤΝ|γλωσσικ* μοντέλ*|chatbot*",
    made: "δημιουργ*|παράχθηκε|παραχθ*|γράφτηκε|γραμμέν*|έγραψα|φτιάχτηκε|φτιαγμέν*|παραγμέν*|\
        σχεδιάστηκε|ζωγραφίστηκε",
    edited: "μεταφράστηκε|μεταφρασμέν*|επεξεργάστηκε",
    help: "βοήθεια",
    by: "από",
    this: "αυτό|αυτή|αυτός|αυτά|αυτές|αυτοί|αυτήν|παρόν*",
    neg: "δεν|χωρίς|όχι|μη|μην|καμία",
    neg_after: false,
    cue: "<ότι|<πως|<αν|ενδείξεις|σήμανσ*|υποχρεωτικ*|βουλή|νόμο*|συζητά*|υποψιάζ*|έγραψε|λέει",
    glue: "ο|η|το|οι|τα|τη|την|του|της|των|ένα|μια|με|σε|στο|στη|στην|και|ή|είναι|ήταν|έχει|\
        έχουν|έχω|αλλά",
    art: "τέχνη",
};

/// Maltese.
pub const MT: Lang = Lang {
    code: "mt",
    name: "Maltese",
    ai: "IA|intelliġenza artifiċjali|mudell* tal-lingwa",
    made: "ġġenerat*|iġġenerat*|ġenerat*|magħmul*|miktub*|inkiteb|nkiteb|maħluq*|inħolq*|sar|\
        saret|prodott*|ktibt",
    edited: "tradott*|editjat*",
    help: "għajnuna",
    by: "minn|mill",
    this: "dan|din|dawn|hawn",
    neg: "ma|mhux|mingħajr|ebda|qatt|ġewx|ġiex",
    neg_after: false,
    cue: "<li|sinjali|jiddiskuti|obbligu|parlament*|ittikkettjat|kiteb|tissuspetta|skont|liġi",
    glue: "il|l|is|it|ir|in|id|ix|iż|ta|tal|tas|bl|bil|f|fil|fis|u|ġie|ġiet|ġew|huwa|hija|għal|\
        imma",
    art: "arti",
};

/// Irish.
pub const GA: Lang = Lang {
    code: "ga",
    name: "Irish",
    ai: "*intleacht* *aorga*|IS",
    made: "ginte|gineadh|ghin|cruthaithe|cruthaíodh|chruthaigh|scríofa|scríobhadh|scríobh|\
        déanta|rinneadh|táirgthe|tháirg*",
    edited: "aistríodh|aistrithe",
    help: "cabhair|chabhair|cúnamh",
    by: "ag|ó",
    this: "seo",
    neg: "gan|níor|ní|nach|níl",
    neg_after: false,
    cue: "<go|<gur|amhras|chomhartha*|comhartha*|rialacha|plé|dúirt",
    glue: "an|na|a|ar|le|i|is|do|agus|mé|é|sa|san|don|ach|t",
    art: "ealaín",
};

/// Turkish.
pub const TR: Lang = Lang {
    code: "tr",
    name: "Turkish",
    ai: "yapay zeka*|YZ|dil model*|sohbet robot*",
    made: "oluşturul*|oluşturdu*|üretil*|yazıl*|yazdım|yapıl*|hazırlan*|çizil*|seslendiril*",
    edited: "çevril*|düzenlen*",
    help: "yardımıyla|yardımı|desteğiyle",
    by: "tarafından",
    this: "bu|bunu|bunlar|aşağıdaki",
    neg: "hiçbir|değil|olmadan|*ilmedi*|*ilmadi*|*ulmadi*|*ilmadan*|*ilmeden*|*ulmamis*|\
        *ilmemis*|*ilmamis*",
    neg_after: true,
    cue: "*diğin*|*dığın*|*duğun*|*düğün*|*tiğin*|*tığın*|şüphelen*|işaret|gösteren|tbmm|\
        etiket*|görüş*|kanun*|yasa*|diye|göre",
    glue: "ve|ile|bir|da|de|için|olan|olarak|ama|kullanılarak",
    art: "sanat*",
};

/// Arabic.
pub const AR: Lang = Lang {
    code: "ar",
    name: "Arabic",
    ai: "*ذكاء* *اصطناعي*|*ذكاء* *الاصطناعي*|*نموذج* *لغوي*|*روبوت* *محادثة*",
    made: "*انشاء*|*منشا*|*مولد*|*توليد*|*كتب*|*مكتوب*|*صنع*|*مصنوع*|*انتج*|*ينتج*|*انتاج*",
    edited: "*ترجم*",
    help: "*بمساعدة*",
    by: "",
    this: "*هذا*|*هذه*",
    neg: "*دون*|ليست|ليس|لم|لا|غير",
    neg_after: false,
    cue: "<أن|<إن|*علامات*|*يناقش*|*قانون*|*تشك*|*البرلمان*|*يلزم*|قال|*وفقا*|تدل",
    glue: "في|من|على|و|الى|عن|تم|قد|هو|هي|لكن|*باستخدام*|*بواسطة*",
    art: "*فن*",
};

/// Hindi.
pub const HI: Lang = Lang {
    code: "hi",
    name: "Hindi",
    ai: "आर्टिफ़िशियल इंटेलिजेंस|कृत्रिम बुद्धिमत्ता|एआई|चैटबॉट|भाषा मॉडल",
    made: "बनाया|बनाई|बनाए|बना|बनी|लिखा|लिखी|लिखे|तैयार|निर्मित|जनित|उत्पन्न|जेनरेट*|रचित",
    edited: "अनुवाद|अनूदित|संपादित",
    help: "मदद|सहायता|सहयोग",
    by: "द्वारा",
    this: "यह|इस|ये|इसे|इन",
    neg: "नहीं|बिना|न|नही",
    neg_after: true,
    cue: "<कि|संकेत|पता|सरकार|नियम|अनिवार्य|लेबल|शक|अनुसार",
    glue: "का|की|के|में|से|है|हैं|गया|गई|गए|किया|को|पर|और|ने|मैंने|लेकिन",
    art: "कला",
};
