"""预算 Budget: the final accounts down to the 7-digit item and one code across
district-years; budget vs spending by district-year, basic vs project spending; the
documents' failing checks; budget beside final accounts; the budget year's projects.

Each of these is a view, picked above them and kept in ?view=: only the picked view is
run and drawn, so the page mounts one view's charts and tables, not all of them (issue
26: the page had 1,765 DOM nodes after load with every view drawn)."""

import polars as pl
import streamlit as st

from dashboard.charts import basic_vs_project, budget_treemap, budget_vs_execution, download_config, project_bars, source_hover
from dashboard.data import load
from dashboard.i18n import check_text, district_name, kind_name, t, template_term
from dashboard.kpis import bureau_named
from dashboard.labels import district_label, show
from dashboard.ui import chart, chart_downloads, download_buttons, escape_markdown, fragment, lang, select_param
from etl.text import plain_number

current = lang()
st.title(t("page_budget", current))
st.caption(t("budget_intro", current))

VIEWS = ("accounts", "spending", "checks", "compare", "projects")
view = select_param(t("budget_view", current), VIEWS, "view", segmented=True,
                    format_func=lambda name: t(f"budget_view_{name}", current))


def spending_view() -> None:
    """Budget vs spending by district-year, and basic vs project spending, each figure
    with its document, line and quote on hover."""
    values = load("budget_values")
    wide = (
        values
        .pivot(on="kpi_id", index=["district", "bureau", "year"], values="value")  # two bureaus of one district-year: two rows
        .sort("district", "year", "bureau")
    )
    for column in ("budget_total", "budget_executed", "basic_expenditure", "project_expenditure"):
        if column not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.Float64).alias(column))

    # each figure's document, line and quote for the charts' hover: source_<kpi_id> (Plotly), plain_<kpi_id> (Altair)
    hovers = values.with_columns(*(pl.Series(kind, [source_hover(r, current, kind == "plain") for r in values.iter_rows(named=True)],
                                             dtype=pl.Utf8) for kind in ("source", "plain"))
                                 ).pivot(on="kpi_id", index=["district", "bureau", "year"], values=["source", "plain"])
    sourced = wide.join(hovers, on=["district", "bureau", "year"], how="left", nulls_equal=True)
    both = bureau_named(sourced.filter(pl.col("budget_total").is_not_null() | pl.col("budget_executed").is_not_null()))
    figure = chart(budget_vs_execution, both, current).figure
    st.plotly_chart(figure, config=download_config("budget_vs_execution"), theme=None, key="budget_exec")
    chart_downloads(figure, values.filter(pl.col("kpi_id").is_in(["budget_total", "budget_executed"])), "budget_vs_execution",
                    t("unit_10k_cny", current), key="budget_exec")
    parts = sourced.filter(pl.col("basic_expenditure").is_not_null() & pl.col("project_expenditure").is_not_null())
    basic, project = ("基本支出", "项目支出") if current == "zh" else ("Basic", "Projects")
    named_parts = bureau_named(parts)
    stacked = pl.concat([
        named_parts.select(pl.concat_str([district_label("district", current), pl.col("year").cast(pl.Utf8)], separator=" ").alias("label"),
                           pl.lit(name).alias("part"), pl.col(column).alias("value"),
                           pl.col(f"plain_{column}").alias("source"))
        for name, column in ((basic, "basic_expenditure"), (project, "project_expenditure"))
    ])
    built = chart(basic_vs_project, stacked, current)
    figure = built.figure
    st.vega_lite_chart(built.spec, width="stretch", theme=None, key="basic_project")
    chart_downloads(figure, values.filter(pl.col("kpi_id").is_in(["basic_expenditure", "project_expenditure"]))
                    .join(parts.select("district", "bureau", "year"), on=["district", "bureau", "year"]), "basic_vs_project",
                    t("unit_10k_cny", current), key="basic_project")
    download_buttons(wide, "budget_by_district_year", key="budget_wide")


@fragment
def budget_checks() -> None:
    """The picked document's failing checks beside its figures: what the document writes,
    what its own figures give, and the arithmetic with its lines (Sources keeps every check)."""
    st.subheader(t("budget_checks_title", current))
    st.caption(t("budget_checks_intro", current))
    failed = load("failed_checks")
    if failed.is_empty():
        st.success(t("budget_checks_pass", current))
        return
    documents = failed.group_by("doc_id", maintain_order=True).agg(pl.col("district", "year", "title").first(), pl.len())
    labels = {doc_id: f"{district_name(district, current)} {year} · {title} ({n})"
              for doc_id, district, year, title, n in documents.iter_rows()}
    doc_id = select_param(t("budget_checks_document", current), list(labels), "checks", format_func=labels.get)
    colon, left, right = ("：", "（", "）") if current == "zh" else (": ", " (", ")")
    blocks = []
    for row in failed.filter(pl.col("doc_id") == doc_id).iter_rows(named=True):
        rate = row["check_type"] == "stated_rate"
        percent, points = ("%", t("percentage_points", current)) if rate else ("", "")
        blocks.append("\n".join([
            f"**{escape_markdown(check_text(row['subject'], current))}** · {t('check_' + row['check_type'], current)} · "
            f"{t('line', current, line=row['line'])}",
            f"- {t('stated', current)}{colon}**{plain_number(row['expected'])}{percent}**",
            f"- {t('computed', current)}{colon}**{plain_number(round(row['actual'], 2))}{percent}**{left}"
            f"{t('budget_check_difference', current, difference=plain_number(round(row['difference'], 2)) + points)}{right}",
            f"- {t('arithmetic', current)}{colon}{escape_markdown(check_text(row['detail'], current))}",
        ]))
    st.markdown("\n\n".join(blocks))


def document_picker(kinds: list[str], param: str) -> str | None:
    """One document of the `kinds` (its doc_id, kept in ?param=), or None when there is none."""
    documents = load("budget_documents", kinds=kinds)
    if documents.is_empty():
        st.info(t("no_documents", current, kind=kind_name(kinds[0], current)))
        return None
    labels = {}
    for row in documents.iter_rows(named=True):
        kind = kind_name(row["kind"], current)
        title = row["title"] if kind in (row["title"] or "") else f"{kind} · {row['title']}"
        labels[row["doc_id"]] = f"{district_name(row['district'], current)} {row['year']} · {title}"
    seen = list(labels.values())
    labels = {d: label if seen.count(label) == 1 else f"{label} · {d}" for d, label in labels.items()}  # told apart
    return select_param(t("document", current), list(labels), param, format_func=lambda d: labels[d])


@fragment
def functional_tree() -> None:
    """A fragment: a document, table or column picked redraws this part alone (bench/PROFILES.md)."""
    st.subheader(t("functional_tree", current))
    doc_id = document_picker(["final_accounts", "budget"], "accounts")
    if doc_id:
        failed = load("failed_checks").filter(pl.col("doc_id") == doc_id)
        if failed.height:  # never shown as if right: say which of the document's own sums do not hold (budget_checks)
            st.warning(t("checks_failed_here", current, n=failed.height,
                         subjects="；".join(escape_markdown(x) for x in failed["subject"].head(3).to_list())))
        tables = load("budget_tables", doc_id=doc_id)["table_name"].to_list() or ["支出决算表"]
        table_name = select_param(t("budget_table", current), tables, "table", default="支出决算表", scope=doc_id,
                                  format_func=lambda name: template_term(name, current))
        lines = load("budget_lines", doc_id=doc_id, table_name=table_name)
        columns = sorted(lines["column_name"].unique().to_list(), key=lambda c: (not c.endswith("合计"), c))
        if not columns:
            st.info(t("no_data", current))
        else:
            column = select_param(t("value", current), columns, "column", default="本年支出合计", horizontal=True, radio=True,
                                  format_func=lambda name: escape_markdown(template_term(name, current)),  # radio labels are markdown
                                  scope=f"{doc_id}_{table_name}")
            chosen = lines.filter(pl.col("column_name") == column)
            district, year = chosen["district"][0], chosen["year"][0]
            title = f"{district_name(district, current)} {year} · {template_term(table_name, current)} · {template_term(column, current)}"
            shown = select_param(t("accounts_as", current), ["treemap", "table"], "accounts_as", segmented=True,
                                 format_func=lambda name: t(f"accounts_as_{name}", current))
            if shown == "treemap":  # the same lines as a table: one click, drawn only then
                figure = chart(budget_treemap, chosen, title, current).figure
                st.plotly_chart(figure, config=download_config(f"final_accounts_{year}_{district}_{column}"), theme=None,
                                key="treemap")
                chart_downloads(figure, chosen, f"final_accounts_{column}", t("unit_10k_cny", current), key="treemap")
            else:
                st.markdown(f"**{escape_markdown(title)}**")
                show(chosen.select(
                    pl.col("code").alias(t("code", current)), pl.col("name").alias(t("item", current)),
                    pl.col("level").alias(t("code_level", current)),
                    pl.col("column_name").replace({c: template_term(c, current) for c in columns}).alias(t("column", current)),
                    pl.col("value").round(2).alias(t("value_10k", current)), pl.col("line").alias(t("line_no", current))))
                download_buttons(chosen, f"budget_lines_{year}_{district}", key="budget_lines")


@fragment
def code_across() -> None:
    """A fragment: a code picked redraws this table alone."""
    st.subheader(t("code_across", current))
    codes = load("budget_codes")
    if codes.is_empty():
        st.caption(t("no_data", current))
    else:
        code_names = dict(codes.select("code", "name").iter_rows())
        code = select_param(t("code", current), list(code_names), "code", default="2010301" if "2010301" in code_names else None,
                            format_func=lambda c: f"{c} {code_names[c]}")
        across = bureau_named(load("budget_code", code=code))
        show(across.select(
            district_label("district", current).alias(t("district", current)), pl.col("year").alias(t("year", current)),
            pl.col("stage").replace({"final": t("stage_final", current), "budget": t("stage_budget", current)})
            .alias(t("stage", current)),
            pl.col("value").round(2).alias(t("value_10k", current)),
            pl.col("title").alias(t("document", current)), pl.col("line").alias(t("line_no", current)),
            pl.col("name").alias(t("item", current)), pl.col("table_name").alias(t("budget_table", current))))
        download_buttons(across, f"budget_code_{code}", key="budget_code")


def compare_view() -> None:
    """Budget beside final accounts per code, where a district-year has both."""
    st.subheader(t("budget_vs_final", current))
    compared = bureau_named(load("budget_vs_final"))
    if compared.is_empty():
        st.caption(t("budget_vs_final_none", current))
    else:
        show(compared.select(
            district_label("district", current).alias(t("district", current)), pl.col("year").alias(t("year", current)),
            pl.col("code").alias(t("code", current)), pl.col("name").alias(t("item", current)),
            pl.col("budget").round(2).alias(t("budget_stage", current)), pl.col("final").round(2).alias(t("final_stage", current)),
            pl.col("execution_pct").alias(t("execution_pct", current)),
            pl.col("budget_title").alias(t("budget_doc", current)), pl.col("budget_line").alias(t("budget_line", current)),
            pl.col("final_title").alias(t("final_doc", current)), pl.col("final_line").alias(t("final_line", current))))
        download_buttons(compared, "budget_vs_final", key="budget_vs_final")


def projects_view() -> None:
    """The budget year's projects of a 目标表, and one project's indicators."""
    st.subheader(t("projects_title", current))
    doc_id = document_picker(["project_targets"], "targets")
    if doc_id:
        projects = load("projects", doc_id=doc_id)
        district, year = projects["district"][0], projects["year"][0]
        title = f"{district_name(district, current)} {year} · {t('projects_title', current)}"
        figure = chart(project_bars, projects, title, current).figure
        st.plotly_chart(figure, config=download_config(f"projects_{year}_{district}"), theme=None, key="projects_chart")
        chart_downloads(figure, projects, "projects", t("unit_10k_cny", current), key="projects_chart")
        project = select_param(t("pick_project", current), projects["project_name"].to_list(), "project", scope=doc_id)
        chosen = projects.filter(pl.col("project_name") == project).row(0, named=True)
        st.markdown(f"**{escape_markdown(project)}** · {chosen['total']:,.2f} {t('unit_10k_cny', current)}")
        st.text(chosen["goal"] or "")
        indicators = load("project_indicators", doc_id=doc_id, project_name=project)
        show(indicators.select(
            *(pl.col(name).alias(t(name, current)) for name in
              ("level1", "level2", "indicator", "period_target", "annual_target", "target_value", "target_unit", "comparator")),
            pl.col("line").alias(t("line_no", current))))
        download_buttons(indicators, f"project_indicators_{year}_{district}", key="indicators")
        download_buttons(projects, f"projects_{year}_{district}", key="projects")


if view == "accounts":
    functional_tree()
    code_across()
elif view == "spending":
    spending_view()
elif view == "checks":
    budget_checks()
elif view == "compare":
    compare_view()
else:
    projects_view()
