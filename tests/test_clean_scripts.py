"""Whole pages in scripts whose sentences end otherwise: every paragraph, the last too, survives.

Greek asks with ";" (U+037E, which NFC makes ";") and pauses with "·"; Arabic asks with "؟";
Urdu ends with "۔", Hindi with "।" and "॥", Armenian with "։" (typed ":"), Chinese and Japanese
with "。！？" inside "」"; Thai writes no spaces between words and no full stop; German closes
quotes with "“" and "«". Each page is site furniture (a menu, a footer) around an article.
"""

from __future__ import annotations

import json

import pytest

from index.cleaning import clean_page
from index.cleaning.lines import ends_sentence, final_mark, word_count
from index.records import Article, Page
from tests.cli_support import newsreader

MENU = {
    "el": [
        "Αρχική",
        "Πολιτική",
        "Οικονομία",
        "Κόσμος",
        "Αθλητισμός",
    ],
    "ar": [
        "الرئيسية",
        "سياسة",
        "اقتصاد",
        "رياضة",
        "ثقافة",
    ],
    "ur": [
        "صفحہ اول",
        "پاکستان",
        "دنیا",
        "کھیل",
        "کاروبار",
    ],
    "hi": [
        "होम",
        "देश",
        "दुनिया",
        "खेल",
        "मनोरंजन",
    ],
    "zh": [
        "首页",
        "国内",
        "国际",
        "财经",
        "体育",
    ],
    "ja": [
        "トップ",
        "国内",
        "国際",
        "経済",
        "スポーツ",
    ],
    "hy": [
        "Գլխավոր",
        "Քաղաքականություն",
        "Տնտեսություն",
        "Սպորտ",
        "Մշակույթ",
    ],
    "th": [
        "หน้าแรก",
        "การเมือง",
        "เศรษฐกิจ",
        "กีฬา",
        "บันเทิง",
    ],
    "de": [
        "Startseite",
        "Politik",
        "Wirtschaft",
        "Sport",
        "Kultur",
    ],
}
FOOTER = {
    "el": [
        "Όροι χρήσης",
        "Πολιτική απορρήτου",
        "Επικοινωνία",
        "© 2024 Ειδήσεις Α.Ε.",
    ],
    "ar": [
        "اتصل بنا",
        "سياسة الخصوصية",
        "شروط الاستخدام",
        "© 2024 جميع الحقوق محفوظة",
    ],
    "ur": [
        "ہم سے رابطہ",
        "رازداری کی پالیسی",
        "© 2024 جملہ حقوق محفوظ ہیں",
    ],
    "hi": [
        "हमसे संपर्क करें",
        "गोपनीयता नीति",
        "© 2024 सर्वाधिकार सुरक्षित",
    ],
    "zh": [
        "关于我们",
        "联系我们",
        "隐私政策",
        "© 2024 版权所有",
    ],
    "ja": [
        "会社概要",
        "お問い合わせ",
        "プライバシーポリシー",
        "© 2024 ニュース株式会社",
    ],
    "hy": [
        "Կապ",
        "Գաղտնիության քաղաքականություն",
        "© 2024 Բոլոր իրավունքները պաշտպանված են",
    ],
    "th": [
        "ติดต่อเรา",
        "นโยบายความเป็นส่วนตัว",
        "© 2024 สงวนลิขสิทธิ์",
    ],
    "de": [
        "Impressum",
        "Datenschutz",
        "Kontakt",
        "© 2024 Nachrichten GmbH",
    ],
}
HEADLINE = {
    "el": "Νέα μέτρα για την ακρίβεια ανακοίνωσε η κυβέρνηση",
    "ar": "الحكومة تعلن حزمة جديدة لدعم الأسر في مواجهة الغلاء",
    "ur": "حکومت نے مہنگائی کے خلاف نئے اقدامات کا اعلان کر دیا",
    "hi": "सरकार ने महंगाई से निपटने के लिए नए उपायों की घोषणा की",
    "zh": "政府宣布新一轮措施应对物价上涨",
    "ja": "政府、物価高対策の新たな支援策を発表",
    "hy": "Կառավարությունը նոր միջոցառումներ է հայտարարել գնաճի դեմ",
    "th": "รัฐบาลประกาศมาตรการใหม่รับมือค่าครองชีพสูง",
    "de": "Regierung kündigt neues Entlastungspaket gegen hohe Preise an",
}
DATE = {
    "el": "12 Μαρτίου 2024",
    "ar": "2024-03-12",
    "ur": "2024-03-12",
    "hi": "12 मार्च 2024",
    "zh": "2024年3月12日",
    "ja": "2024年3月12日",
    "hy": "2024-03-12",
    "th": "2024-03-12",
    "de": "12. März 2024",
}
PARAGRAPHS = {
    "el": [
        (
            "Η κυβέρνηση ανακοίνωσε σήμερα ένα νέο πακέτο μέτρων για τη "
            "στήριξη των νοικοκυριών απέναντι στην ακρίβεια, με "
            "επιδοτήσεις στο ρεύμα και στα τρόφιμα."
        ),
        (
            "Θα είναι όμως αρκετά τα μέτρα για να ανακουφίσουν πραγματικά "
            "τα νοικοκυριά που δυσκολεύονται να τα βγάλουν πέρα κάθε "
            "μήνα;"
        ),
        (
            "Σύμφωνα με τον υπουργό Οικονομικών, τα μέτρα θα ισχύσουν από "
            "τον επόμενο μήνα και θα κοστίσουν περίπου ένα δισεκατομμύριο "
            "ευρώ στον κρατικό προϋπολογισμό."
        ),
        (
            "Τα κόμματα της αντιπολίτευσης άσκησαν κριτική, λέγοντας ότι "
            "τα μέτρα έρχονται αργά· ζήτησαν μόνιμη μείωση του φόρου στα "
            "βασικά είδη διατροφής."
        ),
        (
            "Οι οικονομολόγοι εκτιμούν ότι ο πληθωρισμός θα υποχωρήσει "
            "σταδιακά μέσα στη χρονιά, όμως οι τιμές των τροφίμων "
            "παραμένουν υψηλές στις λαϊκές αγορές της χώρας;"
        ),
    ],
    "ar": [
        (
            "أعلنت الحكومة اليوم عن حزمة جديدة من الإجراءات لدعم الأسر في "
            "مواجهة ارتفاع الأسعار، تشمل دعم فواتير الكهرباء وأسعار "
            "المواد الغذائية الأساسية."
        ),
        (
            "هل ستكون هذه الإجراءات كافية لتخفيف العبء عن الأسر التي "
            "تكافح من أجل تغطية نفقاتها كل شهر؟"
        ),
        (
            "وقال وزير المالية إن الإجراءات ستدخل حيز التنفيذ في الشهر "
            "المقبل، وستكلف الميزانية العامة نحو مليار دولار خلال العام "
            "الحالي."
        ),
        (
            "وانتقدت أحزاب المعارضة الحزمة الجديدة، وقالت إنها جاءت "
            "متأخرة ولا تكفي لتلبية احتياجات الأسر الأكثر فقرا في البلاد."
        ),
        (
            "ويتوقع الخبراء الاقتصاديون أن يتراجع التضخم تدريجيا خلال "
            "العام، لكن أسعار الغذاء ما زالت مرتفعة في الأسواق الشعبية؟"
        ),
    ],
    "ur": [
        (
            "حکومت نے آج مہنگائی کے خلاف گھرانوں کی مدد کے لیے نئے "
            "اقدامات کا اعلان کیا ہے جن میں بجلی کے بلوں اور بنیادی "
            "اشیائے خوردنی پر رعایت شامل ہے۔"
        ),
        (
            "کیا یہ اقدامات ان خاندانوں کا بوجھ کم کرنے کے لیے کافی ہوں "
            "گے جو ہر مہینے اپنے اخراجات پورے کرنے میں مشکل کا سامنا کرتے "
            "ہیں؟"
        ),
        (
            "وزیر خزانہ نے کہا کہ یہ اقدامات اگلے مہینے سے نافذ ہوں گے "
            "اور ان پر قومی خزانے سے تقریباً ایک ارب روپے خرچ ہوں گے۔"
        ),
        (
            "حزب اختلاف کی جماعتوں نے ان اقدامات پر تنقید کرتے ہوئے کہا "
            "کہ یہ بہت دیر سے آئے ہیں اور غریب ترین گھرانوں کی ضروریات "
            "پوری نہیں کرتے۔"
        ),
        (
            "ماہرین معاشیات کا خیال ہے کہ سال کے دوران مہنگائی بتدریج کم "
            "ہو گی لیکن کھانے پینے کی اشیا کی قیمتیں اب بھی بازاروں میں "
            "بہت زیادہ ہیں۔"
        ),
    ],
    "hi": [
        (
            "सरकार ने आज महंगाई से जूझ रहे परिवारों की मदद के लिए नए "
            "उपायों की घोषणा की, जिनमें बिजली के बिलों और जरूरी खाद्य "
            "पदार्थों पर सब्सिडी शामिल है।"
        ),
        (
            "क्या ये उपाय उन परिवारों का बोझ कम करने के लिए काफी होंगे जो "
            "हर महीने अपना खर्च चलाने के लिए संघर्ष कर रहे हैं?"
        ),
        (
            "वित्त मंत्री ने कहा कि ये उपाय अगले महीने से लागू होंगे और "
            "इन पर सरकारी खजाने से लगभग दस हजार करोड़ रुपये खर्च होंगे।"
        ),
        (
            "विपक्षी दलों ने इन उपायों की आलोचना करते हुए कहा कि ये बहुत "
            "देर से आए हैं और सबसे गरीब परिवारों की जरूरतें पूरी नहीं "
            "करते॥"
        ),
        (
            "अर्थशास्त्रियों का मानना है कि साल भर में महंगाई धीरे धीरे "
            "कम होगी, लेकिन खाने पीने की चीजों के दाम अब भी बाजारों में "
            "ऊंचे बने हुए हैं।"
        ),
    ],
    "zh": [
        "政府今天宣布了一系列新的措施，帮助家庭应对物价上涨的压力，包括对电费和基本食品提供补贴，预计将惠及数百万户家庭。",
        "这些措施是否足以真正减轻那些每个月都在为生活开支而发愁的家庭的负担？",
        "财政部长表示，这些措施将从下个月开始实施，预计全年将花费约一百亿元的财政资金，并将根据物价走势进行调整！",
        "反对党批评说，这些措施来得太晚，而且不足以满足最贫困家庭的需要。他们要求长期降低基本食品的税率。",
        "经济学家预计，今年通货膨胀将逐步回落，但是各地市场上的食品价格仍然居高不下，许多居民表示“买菜越来越贵了。”",
    ],
    "ja": [
        "政府は今日、物価高に苦しむ家庭を支援するための新たな対策を発表し、電気料金や食料品への補助金を盛り込んだ。",
        "これらの対策は、毎月の生活費のやりくりに苦労している家庭の負担を本当に軽くすることができるのだろうか？",
        "財務大臣によると、対策は来月から実施され、国の予算から約一兆円が支出される見通しで、物価の動向に応じて見直すという！",
        "野党はこの対策について「遅すぎる上に、最も困っている世帯の支えとしては不十分だ」と批判した。",
        "経済学者は、今年はインフレが徐々に落ち着くとみているが、食料品の値段は各地のスーパーで依然として高止まりしている。",
    ],
    "hy": [
        (
            "Կառավարությունն այսօր հայտարարեց ընտանիքներին աջակցելու նոր "
            "միջոցառումների մասին, որոնք ներառում են էլեկտրաէներգիայի և "
            "սննդամթերքի սուբսիդիաներ։"
        ),
        (
            "Արդյո՞ք այս միջոցառումները բավարար կլինեն այն ընտանիքների "
            "համար, որոնք ամեն ամիս դժվարությամբ են հոգում իրենց ծախսերը։"
        ),
        (
            "Ֆինանսների նախարարի խոսքով՝ միջոցառումները կգործեն հաջորդ "
            "ամսից և պետական բյուջեից կպահանջեն մոտ հիսուն միլիարդ դրամ։"
        ),
        (
            "Ընդդիմադիր կուսակցությունները քննադատեցին կառավարությանը՝ "
            "ասելով, որ միջոցառումները ուշացած են և բավարար չեն "
            "ամենաաղքատ ընտանիքների համար։"
        ),
        (
            "Տնտեսագետները կարծում են, որ տարվա ընթացքում գնաճը "
            "աստիճանաբար կնվազի, սակայն սննդամթերքի գները շուկաներում դեռ "
            "բարձր են մնում։"
        ),
    ],
    "th": [
        (
            "รัฐบาลประกาศมาตรการชุดใหม่เมื่อวันนี้เพื่อช่วยเหลือครัวเรือนที่ได้รับผลกระทบจากค่าครองชีพที่สูงขึ้น "
            "โดยมีการอุดหนุนค่าไฟฟ้าและราคาอาหารพื้นฐาน"
        ),
        ("มาตรการเหล่านี้จะเพียงพอที่จะช่วยแบ่งเบาภาระของครอบครัวที่ต้องดิ้นรนกับค่าใช้จ่ายในแต่ละเดือนหรือไม่"),
        (
            "รัฐมนตรีว่าการกระทรวงการคลังกล่าวว่า "
            "มาตรการจะเริ่มมีผลตั้งแต่เดือนหน้า "
            "และคาดว่าจะใช้งบประมาณแผ่นดินประมาณสามหมื่นล้านบาท"
        ),
        (
            "พรรคฝ่ายค้านวิจารณ์ว่ามาตรการดังกล่าวออกมาช้าเกินไป "
            "และไม่เพียงพอต่อความต้องการของครัวเรือนที่ยากจนที่สุดในประเทศ"
        ),
        ("นักเศรษฐศาสตร์คาดว่าอัตราเงินเฟ้อจะค่อยๆ ลดลงในปีนี้ แต่ราคาอาหารในตลาดสดทั่วประเทศยังคงอยู่ในระดับสูง"),
    ],
    "de": [
        (
            "Die Bundesregierung hat am Dienstag ein neues Paket zur "
            "Entlastung der Haushalte vorgestellt, mit Zuschüssen für "
            "Strom und Lebensmittel."
        ),
        (
            "„Wir lassen die Familien mit den hohen Preisen nicht "
            "allein“, sagte der Finanzminister bei der Vorstellung in "
            "Berlin. „Das Paket wirkt ab dem nächsten Monat.“"
        ),
        (
            "Die Opposition kritisierte, die Hilfen kämen zu spät und "
            "reichten für die ärmsten Haushalte nicht aus: »Das ist zu "
            "wenig und zu spät.«"
        ),
        (
            "Ökonomen erwarten, dass die Inflation im Laufe des Jahres "
            "langsam zurückgeht, die Preise für Lebensmittel aber hoch "
            "bleiben. „Entwarnung gibt es noch nicht.“"
        ),
    ],
}


def page_text(lang: str) -> str:
    """The page as a browser's "save as text" gives it: menu, headline, date, article, footer."""
    parts = [*MENU[lang], "", HEADLINE[lang], "", DATE[lang], ""]
    for paragraph in PARAGRAPHS[lang]:
        parts += [paragraph, ""]
    return "\n".join([*parts, *FOOTER[lang]]) + "\n"


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_every_paragraph_survives_and_no_furniture_joins(lang):
    page = Page(dump="d", origin=f"{lang}.txt", key=f"{lang}.txt", text=page_text(lang))
    article = clean_page(page)
    assert isinstance(article, Article)
    assert article.title == HEADLINE[lang]
    assert article.paragraphs == PARAGRAPHS[lang]


@pytest.mark.parametrize(
    ("line", "mark"),
    [
        ("Θα είναι όμως αρκετά τα μέτρα;", "?"),  # the Greek question mark after NFC
        ("Θα είναι όμως αρκετά τα μέτρα\u037e", "?"),
        ("هل ستكون هذه الإجراءات كافية؟", "?"),
        ("یہ اقدامات اگلے مہینے سے نافذ ہوں گے۔", "."),
        ("ये उपाय अगले महीने से लागू होंगे।", "."),
        ("पूरी नहीं करते॥", "."),
        ("միջոցառումները կգործեն հաջորդ ամսից։", "."),
        ("միջոցառումները կգործեն հաջորդ ամսից:", "."),  # the Armenian full stop as typed
        ("「遅すぎる」と批判した。", "."),
        ("「買菜越來越貴了。」", "."),
        ("本当に軽くできるのだろうか？", "?"),
        ("„Das Paket wirkt ab dem nächsten Monat.“", "."),
        ("»Das ist zu wenig und zu spät.«", "."),
        ("Key points:", ""),  # a colon after Latin letters ends no sentence
        ("first; second;", ""),  # nor a semicolon
        ("Home · News ·", ""),
    ],
)
def test_the_mark_that_ends_a_sentence_in_each_script(line, mark):
    assert final_mark(line) == mark
    assert ends_sentence(line) == bool(mark)


def test_thai_words_are_counted_without_spaces():
    """A Thai paragraph is one or two "words" between spaces but some twenty words of text."""
    paragraph = PARAGRAPHS["th"][3]
    assert paragraph.count(" ") <= 1
    assert word_count(paragraph) >= 15
    assert word_count(MENU["th"][1]) <= 3  # a menu item stays short


def test_a_greek_page_indexed_and_shown_keeps_its_last_paragraph(tmp_path):
    """The console script end to end: `index` a folder of pages, then `show` the article."""
    folder = tmp_path / "greek"
    folder.mkdir()
    (folder / "page.txt").write_text(page_text("el"), encoding="utf-8")
    library = tmp_path / "library"
    newsreader(library, "index", str(folder))
    hits = json.loads(newsreader(library, "search", "", "--json").stdout)["hits"]
    assert [hit["title"] for hit in hits] == [HEADLINE["el"]]
    shown = json.loads(newsreader(library, "show", hits[0]["id"], "--json").stdout)
    assert shown["paragraphs"] == PARAGRAPHS["el"]
    text = newsreader(library, "show", hits[0]["id"]).stdout
    assert PARAGRAPHS["el"][-1] in text


SHORT_HINDI = [
    "सरकार ने आज नए उपायों की घोषणा की।",
    "बिजली के बिल सस्ते होंगे।",
    "खाद्य पदार्थों पर सब्सिडी मिलेगी।",
    "वित्त मंत्री ने कहा कि उपाय अगले महीने से लागू होंगे।",
    "इन पर दस हजार करोड़ रुपये खर्च होंगे।",
    "विपक्ष ने इन उपायों की आलोचना की।",
    "उसने कहा कि ये बहुत देर से आए हैं।",
    "क्या ये उपाय काफी होंगे?",
    "अर्थशास्त्रियों का मानना है कि महंगाई कम होगी।",
    "लेकिन दाम अब भी ऊंचे बने हुए हैं।",
]


def test_an_article_of_short_hindi_paragraphs_is_no_listing():
    """Ten short sentences ending with "।" are an article, as ten ending with "." are."""
    text = "\n".join([*MENU["hi"], "", HEADLINE["hi"], "", *SHORT_HINDI, "", *FOOTER["hi"]])
    article = clean_page(Page(dump="d", origin="hi.txt", key="hi.txt", text=text))
    assert isinstance(article, Article), article
    assert article.paragraphs == SHORT_HINDI
