//! Grammar tables: French, Spanish, Italian, Portuguese (European and Brazilian), Romanian.
//!
//! Participles agree in gender and number, so they are stems ("generad*": generado,
//! generada, generados, generadas).

use super::table::Lang;

/// French.
pub const FR: Lang = Lang {
    code: "fr",
    name: "French",
    ai: "IA|intelligence artificielle|modèle* de langage|agent conversationnel|chatbot*",
    made: "généré*|créé*|rédigé*|écrit|écrite|écrits|écrites|écrire|réalisé*|conçu*|fabriqué*|\
        dessiné*|illustré*|composé*|narré*|fait|faite|produite|produits|doublé*|générer",
    edited: "traduit*|édité*|retouché*|assisté*|amélioré*|corrigé*",
    help: "aide|assistance|soutien",
    by: "par",
    this: "ce|cet|cette|ces|ci|présent*|suivant*",
    neg: "ne|n|pas|aucun*|sans|jamais|ni|non",
    neg_after: false,
    cue: "<que|<qu|<si|comment|selon|affirme*|dit|déclare*|soupçonne*|pense|indices|signes|\
        savoir|chercheur*|étude|études|reconnaître|règlement*|loi|parlement*|gouvernement|\
        étiquet*|obligat*|adopte*",
    glue: "le|la|les|l|un|une|des|de|du|d|a|à|été|est|sont|avec|en|et|ou|au|aux|pour|j|ai|nous|\
        je|partiellement|entièrement|mais|outil|moyen|ont|avons|avez|était|leur|leurs",
    art: "art|image",
};

/// Spanish.
pub const ES: Lang = Lang {
    code: "es",
    name: "Spanish",
    ai: "IA|inteligencia artificial|modelo* de lenguaje|chatbot*|voz sintética",
    made: "generad*|generó|cread*|creó|escrit*|redactad*|producid*|hech*|elaborad*|realizad*|\
        realizó|diseñad*|dibujad*|ilustrad*|narrad*|compuest*|locutad*",
    edited: "traducid*|editad*|asistid*|mejorad*|corregid*|retocad*",
    help: "ayuda|asistencia|apoyo",
    by: "por",
    this: "este|esta|estos|estas|esto|presente|siguiente",
    neg: "no|sin|ningun*|nunca|ni|tampoco",
    neg_after: false,
    cue: "<que|<si|cómo|según|asegur*|afirm*|dijo|dice|sospecha*|señales|ley|gobierno|etiquetar|\
        obligar|parlamento|detectar|investigador*|estudio",
    glue: "el|la|los|las|un|una|unos|de|del|al|a|en|y|o|es|fue|ha|han|sido|son|está|están|con|\
        por|para|se|lo|le|nuestro|mi|herramienta|pero|mediante",
    art: "arte|imagen",
};

/// Italian.
pub const IT: Lang = Lang {
    code: "it",
    name: "Italian",
    ai: "IA|intelligenza artificiale|modell* linguistic*|chatbot*",
    made: "generat*|creat*|scritt*|redatt*|prodott*|realizzat*|fatto|fatta|fatti|fatte|\
        disegnat*|illustrat*|narrat*|elaborat*|composto|composta",
    edited: "tradott*|modificat*|assistit*|migliorat*|rielaborat*",
    help: "aiuto|supporto|ausilio",
    by: "da|dall|dalla|dal",
    this: "questo|questa|questi|queste|presente|seguente",
    neg: "non|senza|nessun*|mai|né",
    neg_after: false,
    cue: "<che|<se|come|secondo|afferma*|dice|detto|sospetta*|segnali|capire|legge|senato|\
        governo|etichett*|obblig*|approva*|ricercator*|studio",
    glue: "il|lo|la|i|gli|le|un|uno|una|di|del|della|dei|degli|delle|a|al|alla|in|nel|nella|e|o|\
        è|stato|stata|stati|state|sono|con|per|ho|abbiamo|l|sistema|ma|strumento|tramite|\
        mediante",
    art: "arte|immagine",
};

/// Portuguese, European and Brazilian.
pub const PT: Lang = Lang {
    code: "pt",
    name: "Portuguese",
    ai: "IA|inteligência artificial|modelo de linguagem|chatbot*",
    made: "gerad*|gerou|criad*|criou|criar|escrit*|escrev*|redigid*|produzid*|feito|feita|\
        feitos|feitas|elaborad*|realizad*|desenhad*|ilustrad*|narrad*",
    edited: "traduzid*|editad*|assistid*|melhorad*",
    help: "ajuda|auxílio|apoio",
    by: "por|pelo|pela",
    this: "este|esta|estes|estas|isto|esse|essa|esses|essas|deste|desta|neste|nesta|desse|dessa|\
        presente|seguinte",
    neg: "não|sem|nenhum*|nunca|nem",
    neg_after: false,
    cue: "<que|<se|como|segundo|disse|diz|afirm*|desconfia*|suspeita*|sinais|identificar|\
        pesquisador*|estudo|regras|lei|parlamento|governo|rotulagem|aviso|exigem|aprovou",
    glue: "o|a|os|as|um|uma|de|do|da|dos|das|em|no|na|e|ou|é|foi|foram|ser|são|está|com|por|\
        para|pra|pelo|pela|ao|eu|nossa|nosso|meu|minha|mesmo|ferramenta|mas|usei|recurso",
    art: "arte|imagem",
};

/// Romanian.
pub const RO: Lang = Lang {
    code: "ro",
    name: "Romanian",
    ai: "IA|inteligent* artificial*|model* de limbaj|chatbot*",
    made: "generat*|creat*|scris*|realizat*|produs*|făcut*|desenat*|ilustrat*|narat*",
    edited: "tradus*|editat*|asistat*|îmbunătățit*",
    help: "ajutorul|ajutor|asistența|sprijinul",
    by: "de|către",
    this: "acest|această|acestui|acestei|aceste|acești|asta|aceasta|următor*",
    neg: "nu|fără|niciun*|nicio|niciodată",
    neg_after: false,
    cue: "<că|<dacă|cum|semne|spune|susține|bănuiește|parlamentul|lege*|etichet*|obligator*|\
        dezbate",
    glue: "un|o|a|al|ale|de|din|la|în|și|sau|este|e|fost|au|am|cu|pe|pentru|mea|meu|dar",
    art: "arta|artă",
};
