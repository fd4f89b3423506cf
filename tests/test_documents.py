"""Reading a report (etl/documents.py): the issuing body (bureau) and its kind from the
title or issuer, the place from the title whatever the body, and refusing a file only
for what shows it was cut short, never a complete report for its headings. Real
titles and files (tests/corpus, with their attribution in its README); the expected
values are written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.build import MANIFEST, RAW
from etl.documents import DocumentError, body_name, detect, load_manifest, read_document

CORPUS = Path(__file__).parent / "corpus"
UNLABELLED = CORPUS / "real_unlabelled"


@pytest.mark.parametrize(("title", "bureau"), [
    ("2017年度平潭综合实验区市场监督管理局部门决算说明", "市场监督管理局"),
    ("2017年度平潭综合实验区环岛公路建设指挥部部门决算公开", "环岛公路建设指挥部"),
    ("广州市南沙区政务服务和数据管理局2023年度部门整体支出绩效自评报告", "政务服务数据管理局"),
    ("区政数局2021年部门整体支出绩效自评报告", "政务服务数据管理局"),
    ("上海市普陀区财政局 2024年度部门决算", "财政局"),
    ("2016年度平潭综合实验区道路交通安全综合整治领导小组办公室部门决算说明", "道路交通安全综合整治领导小组办公室"),
    ("2023年度广州市增城区政务服务数据管理局（增城开发区政务服务数据管理局）部门整体支出绩效自评报告", "政务服务数据管理局"),
    ("番禺区政务服务数据管理局（本级）", "政务服务数据管理局"),
    ("2017年度平潭综合实验区公安局决算说明", "公安局"),
    ("2018年度平潭综合实验区文联预算说明", "文学艺术界联合会"),
    ("2016年度平潭县人民法院部门决算说明", "人民法院"),
    ("浙江省义乌市数据资源管理局2023年度部门整体支出绩效自评报告", "数据资源管理局"),
    ("上海市普陀区人民政府办公室", "人民政府办公室"),
    # names no body: the place and the kind only
    ("上海市普陀区2025年区级部门预算", None),
    ("项目支出绩效目标表（含转移支付项目）", None),
])
def test_the_issuing_body_from_a_title(title, bureau):
    assert body_name(title) == bureau


@pytest.mark.parametrize("file", sorted(p.name for p in RAW.glob("*.txt")))
def test_the_five_sources_are_one_bureau(file):
    # 番禺 ×3 (区政数局…, 番禺区政务服务数据管理局（本级）…), 白云, 增城: all the 政务服务数据管理局
    doc = read_document(RAW / file, load_manifest(MANIFEST)[file])
    assert (doc.bureau, doc.bureau_kind) == ("政务服务数据管理局", "政务服务数据管理局")
    assert read_document(RAW / file).bureau == "政务服务数据管理局"  # from the text alone too


@pytest.mark.parametrize(("file", "bureau", "bureau_kind"), [
    ("putuo_finance_2024_final_accounts.txt", "财政局", "财政局"),
    ("putuo_govoffice_2025_budget.txt", "人民政府办公室", "政府办公室"),  # 预算主管部门：上海市普陀区人民政府办公室
    ("pingtan_approval_2016_final_accounts.txt", "行政审批局", "行政审批局"),
    ("pingtan_shijianju_2017_juesuan.txt", "市场监督管理局", None),
    ("pingtan_huandaozhihuibu_2017_juesuan.txt", "环岛公路建设指挥部", None),
    # its second line cites 《平潭综合实验区财政金融局关于批复…》: the 法院 is no 财政局
    ("real_unlabelled/pingtan_fayuan_2016_juesuan.txt", "人民法院", None),
])
def test_a_documents_bureau_and_its_kind(file, bureau, bureau_kind):
    doc = read_document(CORPUS / file)
    assert (doc.bureau, doc.bureau_kind) == (bureau, bureau_kind)


def test_a_body_that_cannot_be_read_is_an_empty_bureau():
    found = detect(["上海市普陀区2025年区级部门预算", "", "一、部门主要职能", "本部门的主要职能是……。"])
    assert (found.district, found.bureau, found.bureau_kind) == ("普陀", "", None)


# Every real page of tests/corpus/real_unlabelled, with no manifest row: (file, year, kind, body as its title
# names it), from the table of its README (year = the budget year the page is about; 决算 → final_accounts,
# 预算 → budget).
UNLABELLED_FILES = [
    ("pingtan_gonggongziyuan_2015_juesuan.txt", 2015, "final_accounts", "公共资源交易中心"),
    ("pingtan_liangshiyuanqu_2015_juesuan.txt", 2015, "final_accounts", "粮食园区建设指挥部"),
    ("pingtan_taigongbu_2015_juesuan.txt", 2015, "final_accounts", "党工委管委会台湾工作部"),
    ("pingtan_shidafuzhong_2016_juesuan.txt", 2016, "final_accounts", "福建师范大学平潭附属中学筹建办"),
    ("pingtan_weijiju_2016_juesuan.txt", 2016, "final_accounts", "卫生和计划生育局"),
    ("pingtan_fayuan_2016_juesuan.txt", 2016, "final_accounts", "人民法院"),
    ("pingtan_sanjiayiyuan_2017_juesuan.txt", 2017, "final_accounts", "三甲医院指挥部"),
    ("pingtan_gonganju_2017_juesuan.txt", 2017, "final_accounts", "公安局"),
    ("pingtan_lvyouwei_2017_juesuan.txt", 2017, "final_accounts", "旅游发展委员会"),
    ("pingtan_nanhaixiang_2017_juesuan.txt", 2017, "final_accounts", "南海乡人民政府"),
    ("pingtan_tanchengzhen_2018_juesuan.txt", 2018, "final_accounts", "潭城镇人民政府"),
    ("pingtan_weishengjiandusuo_2016_yusuan.txt", 2016, "budget", "卫生监督所"),
    ("pingtan_fuliyuan_2017_yusuan.txt", 2017, "budget", "福利院"),
    ("pingtan_wenlian_2018_yusuan.txt", 2018, "budget", "文学艺术界联合会"),
    ("pingtan_gongjijin_2019_yusuan.txt", 2019, "budget", "住房公积金管理中心"),
]


def test_the_table_covers_every_unlabelled_file():
    assert sorted(row[0] for row in UNLABELLED_FILES) == sorted(p.name for p in UNLABELLED.glob("*.txt"))


@pytest.mark.parametrize(("file", "year", "kind", "bureau"), UNLABELLED_FILES, ids=[row[0] for row in UNLABELLED_FILES])
def test_a_real_page_of_pingtan_gets_its_place_year_and_kind(file, year, kind, bureau):
    doc = read_document(UNLABELLED / file)
    assert (doc.district, doc.year, doc.kind, doc.bureau) == ("平潭", year, kind, bureau)


@pytest.mark.parametrize(("file", "named"), [
    # 2016年卫生监督所预算说明: the text names 平潭县卫生监督所
    ("pingtan_weishengjiandusuo_2016_yusuan.txt", "平潭县"),
    # 2016年度福建师范大学平潭附属中学筹建办部门决算说明: the text names 平潭综合实验区 (its 财政金融局's notice)
    ("pingtan_shidafuzhong_2016_juesuan.txt", "平潭综合实验区"),
])
def test_a_place_the_title_does_not_name_is_read_from_the_text_with_a_warning(file, named):
    doc = read_document(UNLABELLED / file)
    assert doc.notes == [(f"标题未写明地区：按正文中的「{named}」识别为 平潭，请核对",
                          f"the title names no place: 平潭 is read from the text's {named}; check it")]
    assert doc.warnings[-1] == (f"{file}: 标题未写明地区：按正文中的「{named}」识别为 平潭，请核对 "
                                f"(the title names no place: 平潭 is read from the text's {named}; check it)")


@pytest.mark.parametrize(("file", "district", "district_full"), [
    ("real_unlabelled/pingtan_fuliyuan_2017_yusuan.txt", "平潭", "平潭综合实验区"),  # …福利院
    ("real_unlabelled/pingtan_nanhaixiang_2017_juesuan.txt", "平潭", "平潭县"),  # 平潭县南海乡人民政府
    ("pingtan_huandaozhihuibu_2017_juesuan.txt", "平潭", "平潭综合实验区"),  # …环岛公路建设指挥部
    ("yiwu_2023_synthetic.txt", "义乌", "浙江省义乌市"),  # a 县级市
    ("putuo_finance_2024_final_accounts.txt", "普陀", "上海市普陀区"),
    ("putuo_govoffice_2025_budget.txt", "普陀", "上海市普陀区"),
])
def test_the_place_a_title_names_before_any_body(file, district, district_full):
    doc = read_document(CORPUS / file)
    assert (doc.district, doc.district_full) == (district, district_full)
    assert not [zh for zh, _ in doc.notes if zh.startswith("标题未写明地区")]


@pytest.mark.parametrize(("file", "lines"), [("huadu_2022_synthetic.txt", 29), ("xihu_2023_synthetic.txt", 29)])
def test_a_complete_report_is_never_refused_for_its_headings(file, lines):
    # one paragraph a line, 29 lines; the closing parts are headed 存在问题 and 下一步工作计划 (花都),
    # 存在问题 and 下一步工作及结果应用 (西湖): never 存在的主要问题 or 改进措施
    doc = read_document(CORPUS / file)
    assert (len(doc.lines), doc.kind) == (lines, "self_evaluation")
    assert doc.notes == [("没有找到「存在的主要问题 / 下一步改进措施」部分：请核对报告是否完整",
                          "no '存在的主要问题 / 下一步改进措施' part found: check that the report is complete")]
    assert doc.warnings == [f"{file}: 不在 data/manifest.csv 中，使用正文识别的信息 (not in the manifest; using what the text says)",
                            f"{file}: 没有找到「存在的主要问题 / 下一步改进措施」部分：请核对报告是否完整 "
                            "(no '存在的主要问题 / 下一步改进措施' part found: check that the report is complete)"]


def test_a_report_cut_in_the_middle_of_a_sentence_is_refused(tmp_path):
    # 花都 2022 cut after the first clause of line 26 (一是强化预算执行管理，…), under 六、下一步工作计划
    lines = (CORPUS / "huadu_2022_synthetic.txt").read_text(encoding="utf-8").splitlines()
    assert lines[25].startswith("一是强化预算执行管理，")
    (tmp_path / "huadu.txt").write_text("\n".join([*lines[:25], "一是强化预算执行管理，"]), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "huadu.txt")
    assert str(caught.value) == ("huadu.txt:26: 文件不完整（可能被截断）：在第 26 行结束，缺少「存在的主要问题 / 下一步改进措施」部分 "
                                 "(incomplete (probably truncated): ends at line 26 with no '存在的主要问题 / 下一步改进措施' part)")
    # the same cut in 白云 2021, which heads its parts 存在的主要问题 and 下一步改进措施: refused all the same
    baiyun = (RAW / "001_44badf8aae7bb0c1.txt").read_text(encoding="utf-8").splitlines()
    assert baiyun[378] == "（一）继续优化绩效评价的方式设置，提高绩效评价结"
    (tmp_path / "baiyun.txt").write_text("\n".join([*baiyun[:378], "（一）继续优化绩效评价的方式设置，"]), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "baiyun.txt")
    assert str(caught.value) == ("baiyun.txt:379: 文件不完整（可能被截断）：在第 379 行结束，句子没有写完 "
                                 "(incomplete (probably truncated): ends at line 379, in the middle of a sentence)")


def test_a_report_that_stops_at_a_heading_is_refused(tmp_path):
    # 白云 2021 cut right after its heading 三、存在的主要问题 (line 355): nothing under it
    lines = (RAW / "001_44badf8aae7bb0c1.txt").read_text(encoding="utf-8").splitlines()[:355]
    assert lines[-1] == "三、存在的主要问题"
    (tmp_path / "baiyun.txt").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "baiyun.txt")
    assert str(caught.value) == ("baiyun.txt:355: 文件不完整（可能被截断）：在第 355 行结束，标题「三、存在的主要问题」之下没有内容 "
                                 "(incomplete (probably truncated): ends at line 355, nothing under its heading '三、存在的主要问题')")
