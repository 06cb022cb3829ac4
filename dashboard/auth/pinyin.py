"""Words that Chinese-speaking users put in passwords, most common first, for the password policy's guess model
(``dashboard.auth.passwords``): pinyin surnames and name syllables, pinyin phrases, and the numbers that say
something (520 = 我爱你, 1314 = 一生一世). zxcvbn's own lists are English; these fill the gap.

The ranks matter: zxcvbn counts a word of rank r as about r guesses, so the most frequent come first.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The 100 most common surnames (by population), then compound surnames.
SURNAMES = _words(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song "
    "tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su lu ding ren shen "
    "yao lv jiang cui zhong tan wan fan shi jin wei jia xia fu fang zou xiong bai meng qin qiu hou jiang yin "
    "xue yan duan lei long li shao qian mao hao kong chang gong wen tao mo gu kang niu hong ou yi "
    "ouyang shangguan situ zhuge sima dongfang"
)

# Phrases and words seen in leaked Chinese password lists (CSDN, 178, 7k7k, Tianya).
PHRASES = _words(
    "woaini aini woainima woaiwojia woaini1314 iloveyou wodemima mima mimamima zhongguo china beijing shanghai "
    "guangzhou shenzhen nihao nihaoma xiexie baobao baobei laopo laogong qinaide xiaobao xiaoming xiaohong "
    "xiaoqiang xiaoyu xiaolong xiaoxiao tiantian kuaile xingfu pingan fafa facai dafa shengri haha hehe "
    "hello qwe asd zxc zhangsan lisi wangwu zhaoliu wobuzhidao buzhidao shabi sb nimei caonima aiqing "
    "yongyuan yisheng yishi yiqi zaiyiqi wanmei tiankong haiyang taiyang yueliang xingxing meimei gege jiejie "
    "didi mama baba yeye nainai jiayou fighting caiwu kuaiji jituan gongsi kanban mubiao yeji lirun shouru "
    "admin root test guest user"
)

# Given-name syllables (common first) and the remaining syllables of Mandarin.
SYLLABLES = _words(
    "wei fang na min jing xiu qiang lei jun yang yong yan jie juan tao ming chao xia ping gang gui ying hua "
    "hui lan mei ling dan yun fei bin bo hong xin xiao peng hao tian yu zi han yi jia kai rui lin qing xue "
    "long zhi hai feng jian guo bao shu ting lu xiang dong cheng qi rong li wen jin an le ning lili xin yue "
    "shan yuan zhen zhong ze chen chun sheng song mu ke jiao lian yao qian kun ru qin xu huan da "
    "a ai ao ba bai ban bang bei ben beng bi bian biao bie bu ca cai can cang ce cen ceng cha chai chan chang "
    "che chi chong chou chu chuai chuan chuang chui chuo ci cong cou cu cuan cui cun cuo de deng di dian diao "
    "die ding diu dou du duan dui dun duo e en er fa fan fen fo fou fu ga gai gan gao ge gei gen geng gong "
    "gou gu gua guai guan guang gun ha hang he hei hen heng hou hu huai huang hun huo ji jiang jiu ju jue ka "
    "kan kang kao ken keng kong kou ku kua kuai kuan kuang kui kuo la lai lang lao leng lia liang liao lie "
    "ling liu lou luan lue lun luo lv ma man mang mao men meng mi mian miao mie miu mo mou nai nan nang nao "
    "ne nei nen neng ni nian niang niao nie nin niu nong nou nu nuan nue nuo nv o ou pa pai pan pang pao pei "
    "pen pi pian piao pie pin po pou pu qia qiao qie qiong qiu qu quan que qun ran rang rao re ren reng rou "
    "ruan run ruo sa sai san sang sao se sen seng sha shai shang shao she shei shen shi shou shua shuai "
    "shuan shuang shui shun shuo si sou su suan sui sun suo ta tai tan tang te teng ti tiao tie tong tou tu "
    "tuan tui tun tuo wa wai wan wang weng wo wu xi xian xie xing xiong xuan xun ya ye yin yo you yu yue "
    "za zai zan zang zao zei zen zeng zha zhai zhan zhang zhao zhe zhei zheng zhou zhu zhua zhuai zhuan "
    "zhuang zhui zhun zhuo zong zou zu zuan zui zun zuo"
)

# Numbers with a meaning, and lucky or easy ones.
NUMBERS = _words(
    "520 1314 5201314 521 1314520 888 666 168 518 886 555 999 111 000 123 321 147 258 369 789 987 "
    "147258 147258369 159357 741852963 123321 112233 520520 5211314 0000 1111 6666 8888 9999"
)


def ranked_words() -> list[str]:
    """Every word, most common first, without repeats.

    >>> words = ranked_words()
    >>> words[:3], "woaini" in words, "zhuang" in words, len(words) == len(set(words))
    (['wang', 'li', 'zhang'], True, True, True)
    """
    seen: dict[str, None] = {}
    for group in (SURNAMES, PHRASES, NUMBERS, SYLLABLES):
        for word in group:
            seen.setdefault(word, None)
    return list(seen)
