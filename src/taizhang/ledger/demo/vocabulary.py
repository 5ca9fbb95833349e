"""Words the demo builds its fictional projects, companies and people from.

Everything here is invented for the demo: brand words, company names and people are fictional
(any likeness to a real company or person is accidental), except Changan Automobile, which the
published sources name. A theme is a kind of industry; each product carries its national
classification of strategic emerging industries (NBS 2018 top-level category, "1".."9"), or None
for products outside it, and the two-digit GB/T 4754 industry division used in project codes.
"""

from __future__ import annotations

from typing import NamedTuple


class Product(NamedTuple):
    """What a project makes or does, with its strategic-emerging category and industry."""

    zh: str
    en: str
    nature: str  # make, rd, platform, service, fund: decides the kinds of project that fit
    strategic_category: str | None
    industry: str  # GB/T 4754 division, two digits


class Kind(NamedTuple):
    """The kind of project: the words that end its name, and its project type."""

    zh: str
    en: str
    project_type: str


class Trade(NamedTuple):
    """The trade word in a company's name, in Chinese and English."""

    zh: str
    en: str


P = Product

PRODUCTS: dict[str, tuple[Product, ...]] = {
    "vehicle": (
        P("新能源汽车电驱动系统", "NEV electric drive systems", "make", "5", "36"),
        P("动力电池模组", "power battery modules", "make", "5", "38"),
        P("汽车热管理系统", "vehicle thermal management systems", "make", "5", "36"),
        P("智能座舱", "smart cockpits", "make", "5", "36"),
        P("线控底盘", "drive-by-wire chassis", "make", "5", "36"),
        P("车载激光雷达", "automotive lidar", "make", "5", "39"),
        P("汽车轻量化铝合金部件", "lightweight aluminium auto parts", "make", "5", "36"),
        P("燃料电池电堆", "fuel-cell stacks", "make", "5", "38"),
        P("车规级功率模块", "automotive power modules", "make", "5", "39"),
        P("智能网联汽车域控制器", "connected-vehicle domain controllers", "make", "5", "39"),
        P("新能源汽车电机控制器", "NEV motor controllers", "make", "5", "38"),
        P("汽车智能照明系统", "smart vehicle lighting", "make", "5", "36"),
        P("新能源专用车", "new-energy special vehicles", "make", "5", "36"),
        P("充换电设施", "charging and battery-swap facilities", "make", "5", "38"),
    ),
    "electronics": (
        P("显示面板模组", "display modules", "make", "1", "39"),
        P("功率半导体", "power semiconductors", "make", "1", "39"),
        P("集成电路封装测试", "IC packaging and testing", "make", "1", "39"),
        P("笔记本电脑整机", "laptop computers", "make", "1", "39"),
        P("智能终端", "smart devices", "make", "1", "39"),
        P("光电器件", "optoelectronic components", "make", "1", "39"),
        P("精密结构件", "precision structural parts", "make", "1", "39"),
        P("高密度印制电路板", "high-density printed circuit boards", "make", "1", "39"),
        P("智能传感器", "smart sensors", "make", "1", "39"),
        P("服务器整机", "servers", "make", "1", "39"),
        P("Mini LED背光模组", "Mini LED backlight modules", "make", "1", "39"),
    ),
    "equipment": (
        P("工业机器人", "industrial robots", "make", "2", "34"),
        P("高端数控机床", "high-end CNC machine tools", "make", "2", "34"),
        P("智能成套装备", "intelligent complete equipment", "make", "2", "35"),
        P("精密减速器", "precision reducers", "make", "2", "34"),
        P("轨道交通装备", "rail transit equipment", "make", "2", "37"),
        P("通用航空装备", "general aviation equipment", "make", "2", "37"),
        P("智能仓储物流装备", "smart warehousing equipment", "make", "2", "34"),
        P("智能检测装备", "intelligent inspection equipment", "make", "2", "40"),
    ),
    "data": (
        P("大数据中心", "big data centre", "platform", "1", "65"),
        P("云计算中心", "cloud computing centre", "platform", "1", "65"),
        P("软件和信息服务", "software and information services", "platform", "1", "65"),
        P("区块链服务", "blockchain services", "platform", "1", "65"),
        P("信创产品适配", "trusted IT product adaptation", "platform", "1", "65"),
        P("网络安全", "cybersecurity", "platform", "1", "65"),
        P("数字内容", "digital content", "platform", "8", "65"),
        P("智慧城市运营", "smart city operations", "platform", "1", "65"),
        P("跨境数据服务", "cross-border data services", "platform", "1", "64"),
        P("金融科技", "fintech", "platform", "1", "65"),
    ),
    "ai": (
        P("人工智能算力中心", "AI computing centre", "platform", "1", "65"),
        P("计算机视觉", "computer vision", "platform", "1", "65"),
        P("智能语音", "intelligent speech", "platform", "1", "65"),
        P("自动驾驶", "autonomous driving", "platform", "1", "65"),
        P("服务机器人", "service robots", "make", "1", "34"),
    ),
    "iiot": (
        P("工业互联网平台", "industrial internet platform", "platform", "1", "64"),
        P("工业互联网标识解析", "industrial internet identifier resolution", "platform", "1", "64"),
        P("智能制造系统集成", "smart manufacturing system integration", "platform", "1", "65"),
        P("数字化转型服务", "digital transformation services", "platform", "1", "65"),
        P("物联网模组", "IoT modules", "make", "1", "39"),
    ),
    "science": (
        P("智能网联汽车技术", "connected-vehicle technology", "rd", "5", "73"),
        P("集成电路设计", "integrated circuit design", "rd", "1", "65"),
        P("人工智能技术", "artificial intelligence technology", "rd", "1", "73"),
        P("先进材料", "advanced materials", "rd", "3", "73"),
        P("生物技术", "biotechnology", "rd", "4", "73"),
        P("量子信息技术", "quantum information technology", "rd", "1", "73"),
        P("高端装备技术", "high-end equipment technology", "rd", "2", "73"),
        P("检验检测认证", "testing, inspection and certification", "rd", "9", "74"),
        P("卫星互联网", "satellite internet", "rd", "1", "73"),
    ),
    "bio": (
        P("创新药", "innovative drugs", "make", "4", "27"),
        P("生物制品", "biological products", "make", "4", "27"),
        P("高端医疗器械", "high-end medical devices", "make", "4", "35"),
        P("疫苗", "vaccines", "make", "4", "27"),
        P("体外诊断试剂", "in-vitro diagnostic reagents", "make", "4", "27"),
        P("现代中药", "modern traditional Chinese medicine", "make", "4", "27"),
        P("高端原料药", "active pharmaceutical ingredients", "make", "4", "27"),
    ),
    "energy": (
        P("储能电池", "energy-storage batteries", "make", "6", "38"),
        P("光伏组件", "photovoltaic modules", "make", "6", "38"),
        P("氢能装备", "hydrogen equipment", "make", "6", "34"),
        P("风电装备", "wind power equipment", "make", "6", "34"),
        P("分布式光伏电站", "distributed photovoltaic power stations", "service", "6", "44"),
        P("页岩气综合利用", "shale gas utilisation", "service", "6", "07"),
    ),
    "materials": (
        P("高性能铝合金", "high-performance aluminium alloys", "make", "3", "32"),
        P("电子级玻璃纤维", "electronic-grade glass fibre", "make", "3", "30"),
        P("碳纤维复合材料", "carbon-fibre composites", "make", "3", "28"),
        P("锂电池正极材料", "lithium battery cathode materials", "make", "3", "26"),
        P("石墨烯材料", "graphene materials", "make", "3", "30"),
        P("高分子新材料", "new polymer materials", "make", "3", "26"),
    ),
    "services": (
        P("现代物流园", "modern logistics park", "service", None, "59"),
        P("冷链物流", "cold-chain logistics", "service", None, "59"),
        P("商贸综合体", "commercial complex", "service", None, "51"),
        P("文化旅游综合体", "cultural tourism complex", "service", None, "90"),
        P("绿色食品加工", "green food processing", "make", None, "13"),
        P("康养社区", "health and elderly-care community", "service", None, "85"),
        P("职业教育园区", "vocational education campus", "service", None, "83"),
        P("酒店及会展", "hotel and exhibition", "service", None, "61"),
    ),
    "high_services": (
        P("供应链金融服务平台", "supply-chain finance platform", "service", None, "66"),
        P("区域结算中心", "regional settlement centre", "service", None, "72"),
        P("跨境电商产业园", "cross-border e-commerce park", "service", None, "52"),
        P("工业设计中心", "industrial design centre", "service", "9", "74"),
        P("知识产权服务中心", "intellectual property services centre", "service", "9", "72"),
        P("人力资源服务产业园", "human resources services park", "service", None, "72"),
    ),
    "fund": (
        P("智能制造产业股权投资基金", "intelligent manufacturing equity fund", "fund", None, "67"),
        P("新能源汽车产业投资基金", "new-energy vehicle industry fund", "fund", None, "67"),
        P("生物医药创业投资基金", "biomedicine venture capital fund", "fund", None, "67"),
        P("数字经济产业投资基金", "digital economy industry fund", "fund", None, "67"),
        P("新材料产业发展基金", "new materials industry fund", "fund", None, "67"),
        P("科技成果转化基金", "technology transfer fund", "fund", None, "67"),
    ),
}

K = Kind

KINDS: dict[str, tuple[Kind, ...]] = {
    "make": (
        K("生产基地", "production base", "new"),
        K("智能制造基地", "intelligent manufacturing base", "new"),
        K("产业园", "industrial park", "new"),
        K("扩能", "capacity expansion", "expansion"),
        K("技改扩能", "upgrade and expansion", "expansion"),
        K("西南生产基地", "south-west production base", "new"),
        K("研发及生产基地", "R&D and production base", "new"),
    ),
    "rd": (
        K("研究院", "research institute", "r&d"),
        K("创新中心", "innovation centre", "r&d"),
        K("联合实验室", "joint laboratory", "r&d"),
        K("成果转化基地", "technology transfer base", "r&d"),
        K("研发中心", "R&D centre", "r&d"),
    ),
    "platform": (
        K("平台", "platform", "new"),
        K("中心", "centre", "new"),
        K("西南总部", "south-west headquarters", "headquarters"),
        K("区域总部", "regional headquarters", "headquarters"),
        K("研发中心", "R&D centre", "r&d"),
        K("产业基地", "industrial base", "new"),
    ),
    "service": (
        K("", "project", "other"),
        K("基地", "base", "new"),
        K("中心", "centre", "other"),
        K("西南总部", "south-west headquarters", "headquarters"),
    ),
    "fund": (K("", "", "fund"),),
}

#: The trade words companies of a theme put in their names.
TRADES: dict[str, tuple[Trade, ...]] = {
    "vehicle": (
        Trade("汽车零部件", "Auto Parts"),
        Trade("新能源汽车科技", "New Energy Vehicle Technology"),
        Trade("动力科技", "Power Technology"),
        Trade("汽车电子", "Automotive Electronics"),
    ),
    "electronics": (
        Trade("微电子", "Microelectronics"),
        Trade("电子科技", "Electronic Technology"),
        Trade("光电科技", "Optoelectronic Technology"),
        Trade("半导体", "Semiconductor"),
    ),
    "equipment": (
        Trade("智能装备", "Intelligent Equipment"),
        Trade("精密机械", "Precision Machinery"),
        Trade("机器人", "Robotics"),
    ),
    "data": (
        Trade("数据科技", "Data Technology"),
        Trade("信息技术", "Information Technology"),
        Trade("软件", "Software"),
        Trade("网络科技", "Network Technology"),
    ),
    "ai": (
        Trade("智能科技", "Intelligent Technology"),
        Trade("人工智能", "Artificial Intelligence"),
    ),
    "iiot": (Trade("工业互联网", "Industrial Internet"), Trade("物联科技", "IoT Technology")),
    "science": (Trade("科技", "Technology"), Trade("技术研究院", "Technology Research Institute")),
    "bio": (
        Trade("生物医药", "Biopharmaceutical"),
        Trade("医疗器械", "Medical Devices"),
        Trade("生物科技", "Biotechnology"),
        Trade("药业", "Pharmaceutical"),
    ),
    "energy": (
        Trade("新能源", "New Energy"),
        Trade("储能科技", "Energy Storage Technology"),
        Trade("氢能科技", "Hydrogen Technology"),
    ),
    "materials": (Trade("新材料", "New Materials"), Trade("材料科技", "Materials Technology")),
    "services": (
        Trade("供应链管理", "Supply Chain Management"),
        Trade("物流", "Logistics"),
        Trade("商业管理", "Commercial Management"),
        Trade("文化旅游发展", "Culture and Tourism Development"),
    ),
    "high_services": (
        Trade("供应链服务", "Supply Chain Services"),
        Trade("企业服务", "Enterprise Services"),
        Trade("商务咨询", "Business Consulting"),
    ),
    "fund": (Trade("股权投资", "Equity Investment"), Trade("产业投资", "Industrial Investment")),
}

#: First and second characters of fictional brand names, with their pinyin.
BRAND_HEADS = (
    ("渝", "Yu"), ("华", "Hua"), ("嘉", "Jia"), ("瀚", "Han"), ("博", "Bo"), ("恒", "Heng"),
    ("鑫", "Xin"), ("锐", "Rui"), ("宏", "Hong"), ("卓", "Zhuo"), ("天", "Tian"), ("创", "Chuang"),
    ("云", "Yun"), ("德", "De"), ("远", "Yuan"), ("启", "Qi"), ("睿", "Rui"), ("凯", "Kai"),
    ("盛", "Sheng"), ("巴", "Ba"), ("星", "Xing"), ("聚", "Ju"), ("腾", "Teng"), ("汇", "Hui"),
    ("泰", "Tai"), ("峰", "Feng"), ("晶", "Jing"), ("永", "Yong"), ("景", "Jing"), ("乾", "Qian"),
)  # fmt: skip
BRAND_TAILS = (
    ("芯", "xin"), ("驰", "chi"), ("能", "neng"), ("智", "zhi"), ("达", "da"), ("源", "yuan"),
    ("拓", "tuo"), ("宇", "yu"), ("诚", "cheng"), ("航", "hang"), ("迈", "mai"), ("凌", "ling"),
    ("图", "tu"), ("辰", "chen"), ("然", "ran"), ("晟", "sheng"), ("楷", "kai"), ("翔", "xiang"),
    ("明", "ming"), ("岭", "ling"), ("峻", "jun"), ("舟", "zhou"), ("泽", "ze"), ("衡", "heng"),
    ("禾", "he"), ("朗", "lang"), ("屹", "yi"), ("钧", "jun"), ("澜", "lan"), ("栩", "xu"),
)  # fmt: skip
#: Pairs left out because they are, or read as, well-known real names.
BRAND_EXCLUDED = frozenset(
    {
        "华达", "天宇", "华宇", "远航", "宏达", "华明", "天能", "星辰", "德源", "华能", "华源",
        "汇源", "宏源", "星源", "永泰", "天诚", "博达", "天图", "腾达", "泰达", "星宇", "锐明",
        "恒驰", "聚辰", "华翔", "永达", "宏图", "启明", "华凌", "瀚宇", "盛达", "华晟", "华诚",
    }
)  # fmt: skip

#: Where private companies are registered: (Chinese, English, province, registration area code).
HOME_CITIES = (
    ("重庆", "Chongqing", "500000", "500112"),
    ("重庆", "Chongqing", "500000", "500106"),
    ("重庆", "Chongqing", "500000", "500107"),
    ("重庆", "Chongqing", "500000", "500108"),
    ("深圳", "Shenzhen", "440000", "440305"),
    ("上海", "Shanghai", "310000", "310115"),
    ("北京", "Beijing", "110000", "110108"),
    ("成都", "Chengdu", "510000", "510107"),
    ("杭州", "Hangzhou", "330000", "330106"),
    ("苏州", "Suzhou", "320000", "320505"),
    ("广州", "Guangzhou", "440000", "440106"),
    ("合肥", "Hefei", "340000", "340104"),
    ("武汉", "Wuhan", "420000", "420111"),
    ("西安", "Xi'an", "610000", "610131"),
    ("宁波", "Ningbo", "330000", "330212"),
)


class ForeignCompany(NamedTuple):
    """A fictional company from outside the mainland, with its origin and theme."""

    zh: str
    en: str
    brand: str
    origin: str  # ISO 3166-1 country code, or 810000 Hong Kong / 820000 Macao / 710000 Taiwan
    theme: str
    fortune_global_500: bool


FOREIGN_COMPANIES = (
    ForeignCompany(
        "海德伦汽车技术有限公司",
        "Heiderlen Automotive Technik GmbH",
        "海德伦",
        "DE",
        "vehicle",
        True,
    ),
    ForeignCompany(
        "克朗霍夫精密机械有限公司",
        "Kronhof Präzisionsmaschinen GmbH",
        "克朗霍夫",
        "DE",
        "equipment",
        False,
    ),
    ForeignCompany(
        "丸宫精密电子株式会社",
        "Marumiya Precision Electronics Co., Ltd.",
        "丸宫",
        "JP",
        "electronics",
        False,
    ),
    ForeignCompany("东光化成株式会社", "Tokoh Kasei Co., Ltd.", "东光", "JP", "materials", False),
    ForeignCompany(
        "子午线数据中心私人有限公司",
        "Meridian Data Centres Pte. Ltd.",
        "子午线",
        "SG",
        "data",
        False,
    ),
    ForeignCompany(
        "世成新材料株式会社",
        "Sesung Advanced Materials Co., Ltd.",
        "世成",
        "KR",
        "materials",
        False,
    ),
    ForeignCompany("清溪生物科学公司", "Clearbrook Biosciences, Inc.", "清溪", "US", "bio", False),
    ForeignCompany(
        "诺斯盖特医疗系统公司", "Northgate Medical Systems, Inc.", "诺斯盖特", "US", "bio", True
    ),
    ForeignCompany(
        "恒昇投资（香港）有限公司",
        "Hang Sing Investment (Hong Kong) Limited",
        "恒昇",
        "810000",
        "services",
        False,
    ),
    ForeignCompany(
        "鼎晟光电股份有限公司",
        "Ding Sheng Optoelectronics Co., Ltd.",
        "鼎晟",
        "710000",
        "materials",
        False,
    ),
    ForeignCompany(
        "濠江国际贸易有限公司",
        "Hou Kong International Trading Limited",
        "濠江",
        "820000",
        "high_services",
        False,
    ),
    ForeignCompany("索尔旺储能公司", "Solvang Energy Storage AS", "索尔旺", "NO", "energy", False),
    ForeignCompany("诺维亚智能科技公司", "Novia Intelligence, Inc.", "诺维亚", "US", "ai", False),
    ForeignCompany(
        "瓦尔德工业软件有限公司", "Waldtal Industriesoftware GmbH", "瓦尔德", "DE", "iiot", False
    ),
    ForeignCompany(
        "北辰精密科学株式会社",
        "Hokushin Precision Science Co., Ltd.",
        "北辰",
        "JP",
        "science",
        False,
    ),
)

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田萧潘袁蒋蔡余杜叶程"
GIVEN_NAMES = (
    "建国", "志强", "晓东", "海燕", "立新", "文华", "永刚", "秀英", "明", "静", "伟", "敏", "洪涛",
    "雪梅", "国庆", "春华", "德明", "玉兰", "俊", "红", "卫东", "丽君", "家豪", "思远", "宏伟",
    "晓梅", "振华", "金凤", "学军", "亚平", "光明", "凤霞", "勇", "琳", "建平", "小川", "若愚",
    "嘉怡", "涛", "蕾", "子健", "海峰", "晓燕", "长江", "宇航", "新民", "丹", "桂芳", "向阳",
)  # fmt: skip
