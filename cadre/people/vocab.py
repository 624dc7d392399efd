"""The roster's controlled vocabularies.

These are national-standard categories (GB/T 4762 政治面貌, GB/T 4658 学历, GB 3304 民族) and
the post kinds named by the seeds. They are stored as the Chinese terms themselves because
they appear verbatim on every form, export and rule explanation; only the UI around them is
translated.
"""

GENDERS = ("男", "女")

ETHNICITIES = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]

PARTY_MEMBER = "中共党员"
PARTY_PROBATIONARY = "中共预备党员"
POLITICAL_STATUSES = (
    PARTY_MEMBER,
    PARTY_PROBATIONARY,
    "共青团员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "台盟盟员",
    "无党派人士",
    "群众",
)
PARTY_STATUSES = (PARTY_MEMBER, PARTY_PROBATIONARY)

# Highest first: the rule engine compares by position in this tuple.
EDUCATION_LEVELS = (
    "博士研究生",
    "硕士研究生",
    "大学本科",
    "大学专科",
    "中等专科",
    "高中",
    "初中及以下",
)

DEGREES = ("博士", "硕士", "学士", "无")

TITLES = (
    "正高级教师",
    "高级教师",
    "一级教师",
    "二级教师",
    "三级教师",
    "未定级",
)

EMPLOYMENT_STATUSES = ("在职", "借调", "病休", "退休", "调离", "离职")
ACTIVE_STATUSES = ("在职", "借调", "病休")

# Post kinds of the seeds: Changzhou's 班主任 / 年级组长 / 教研组长 / 其他管理工作 and the middle
# levels; Nantong's 学科主任 / 备课组长 / 主任助理 / 干事 / 校团委委员 / 社团指导老师.
ROLE_KINDS = (
    "校级领导",
    "中层正职",
    "中层副职",
    "中层主任助理",
    "干事",
    "年级组长",
    "学科主任",
    "教研组长",
    "备课组长",
    "班主任",
    "校团委委员",
    "社团指导老师",
    "党支部书记",
    "工会小组长",
    "其他管理工作",
)

# The posts that make a member of the school's cadre team (学校干部队伍), highest first.
CADRE_ROLE_KINDS = ("校级领导", "中层正职", "中层副职", "中层主任助理")

APPRAISAL_RESULTS = ("优秀", "合格", "基本合格", "不合格", "不定等次")

HONOUR_LEVELS = ("国家级", "省级", "市级", "区级", "校级", "其他")

DISCIPLINE_KINDS = (
    "警告",
    "记过",
    "降低岗位等级",
    "撤职",
    "党内警告",
    "党内严重警告",
    "撤销党内职务",
    "留党察看",
    "其他",
)
