"""English words of the Plan and Scorecard pages and the plan's report (merged into `t()`)."""

TEXT = {
    "nav.plan": "Plan",
    "nav.scorecard": "Scorecard",
    # Scorecard
    "scorecard.title": "Scorecard",
    "scorecard.period": "{start} – {end}, against the period before",
    "scorecard.map": "Strategy map",
    "scorecard.map_caption": "Each box is an objective, coloured by the worst status of its "
    "KPIs; the arrows show what drives what. Grey: no KPI with a target and data.",
    "scorecard.sample_targets": "The targets are the sample business's (Café Aurora's). Save a "
    "plan or change the map below to score against your own.",
    "scorecard.no_objectives": "No objective in this perspective yet: add one below.",
    "scorecard.objective_caption": "{objective} — {status}",
    "scorecard.kpi_hint": "{kpi}: {hint}",
    "scorecard.all_channels": "All channels",
    "scorecard.col.kpi": "KPI",
    "scorecard.col.role": "Role",
    "scorecard.col.channel": "Channel",
    "scorecard.col.value": "Value",
    "scorecard.col.change": "Change",
    "scorecard.col.target": "Target",
    "scorecard.col.status": "Status",
    "scorecard.role.lagging": "Lagging (outcome)",
    "scorecard.role.leading": "Leading (performance)",
    "scorecard.edit": "Change the map",
    "scorecard.edit_help": "Pick an objective to rename it, move it to another perspective, "
    "choose what it drives, and change its KPIs and targets. Rates are fractions: 5 % is 0.05. "
    "The map is saved in your workspace file (Data page).",
    "scorecard.edit_pick": "Objective",
    "scorecard.edit_new": "➕ A new objective",
    "scorecard.edit_label": "Name",
    "scorecard.edit_perspective": "Perspective",
    "scorecard.edit_causes": "Drives (cause-and-effect arrows to)",
    "scorecard.edit_kpis": "Its KPIs",
    "scorecard.edit_remove": "Remove",
    "scorecard.edit_add_kpi": "Add a KPI",
    "scorecard.edit_none": "—",
    "scorecard.edit_save": "Save the objective",
    "scorecard.edit_saved": "Saved in your workspace.",
    "scorecard.edit_no_label": "Give the objective a name.",
    "scorecard.edit_invalid": "The map was not saved: {problems}.",
    "scorecard.edit_delete": "Delete this objective",
    "scorecard.from_plan": "Build the map from my plan",
    "scorecard.reset": "Start again from the default map",
}
