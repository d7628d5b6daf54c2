//! Grammar tables: Chinese (simplified and traditional, with the explicit labels of
//! GB 45438-2025 such as "AI生成" and "人工智能生成"), Japanese, Korean.
//!
//! Han and kana are written without spaces, so their words match anywhere; Korean words are
//! spaced with particles attached, so they match as word starts.

use super::table::Lang;

/// Chinese, simplified and traditional.
pub const ZH: Lang = Lang {
    code: "zh",
    name: "Chinese",
    ai: "人工智能|人工智慧|大模型|大语言模型|大語言模型|语言模型|語言模型|聊天机器人|聊天機器人",
    made: "生成|合成|创作|創作|撰写|撰寫|编写|編寫|写|寫|制作|製作|绘制|繪製|画|畫|创建",
    edited: "翻译|翻譯|编辑|編輯|润色|潤色|改写|改寫",
    help: "辅助|輔助|协助|協助|帮忙|幫忙|帮助|幫助|借助",
    by: "由",
    this: "本|此|这|這|该|該",
    neg: "未|非|没有|沒有|不是|无|無|不",
    neg_after: false,
    cue: "如何|是不是|是否|怀疑|懷疑|称|稱|表示|据|據|办法|辦法|法案|草案|施行|审议|審議|政府|规定|規定|识别|辨别|辨別|判断|判斷|技巧",
    glue: "的|了|在|是|和|与|與|用|经|經|为|為|我|下",
    art: "绘画|繪畫|绘图|繪圖|画|畫|艺术|藝術|图|圖|插画|插畫",
};

/// Japanese.
pub const JA: Lang = Lang {
    code: "ja",
    name: "Japanese",
    ai: "人工知能|言語モデル|チャットボット",
    made: "生成|作成|作ら|作っ|作り|書か|書い|書き|執筆|合成|描|制作|製作",
    edited: "翻訳|編集",
    help: "支援|手伝|助け|協力|補助",
    by: "",
    this: "この|本|当|當|こちら",
    neg: "ない|ません|ずに|一切",
    neg_after: true,
    cue: "かどうか|ではないか|疑|政府|義務|検討|見分け|ポイント|方法|という|法案|規制",
    glue: "の|は|が|を|に|で|て|た|し|ま|す|による|によって",
    art: "イラスト|絵|画像|アート",
};

/// Korean.
pub const KO: Lang = Lang {
    code: "ko",
    name: "Korean",
    ai: "인공지능*|언어 모델*|챗봇*",
    made: "생성*|제작*|작성*|만든*|만들*|썼*|쓴|합성*|그린*|그렸*",
    edited: "번역*|편집*|보정*",
    help: "도움*|활용*|사용해*|이용해*|지원*",
    by: "",
    this: "이|본|해당",
    neg: "않*|아닙*|아니*|없이|안|전혀",
    neg_after: true,
    cue: "*는지*|*다고*|*라는*|의심*|방법*|국회*|법안*|의무*|논의*",
    glue: "및|그|저|제가|저는",
    art: "그림*|이미지*|아트*",
};
