"""The contracts of the Salesforce, Twilio, Intercom and KPI outputs hold for the vendors' own examples.

Each example below is the one printed in the vendor's documentation (cited), so a
contract that rejected it would be wrong about the product, and each broken twin
shows the contract is not vacuous.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
NS = "http://soap.sforce.com/2006/04/metadata"


def xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ROOT / "targets/salesforce/schemas/metadata.xsd")))


def validator(target: str, kind: str) -> Draft7Validator:
    schema = json.loads((ROOT / "targets" / target / "schemas" / f"{kind}.schema.json").read_text())
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def valid_xml(text: str) -> bool:
    return xsd().validate(etree.fromstring(text.encode()))


# Metadata API Developer Guide, BusinessHoursSettings, "Declarative Metadata Sample Definition".
BUSINESS_HOURS_SAMPLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<BusinessHoursSettings xmlns="{NS}">
    <businessHours>
        <active>true</active>
        <default>false</default>
        <fridayEndTime>00:00:00.000Z</fridayEndTime>
        <fridayStartTime>00:00:00.000Z</fridayStartTime>
        <mondayEndTime>15:00:00.000Z</mondayEndTime>
        <mondayStartTime>09:00:00.000Z</mondayStartTime>
        <name>bh1</name>
        <timeZoneId>America/Los_Angeles</timeZoneId>
    </businessHours>
    <holidays>
        <activityDate>2013-09-02</activityDate>
        <businessHours>Default</businessHours>
        <businessHours>bh1</businessHours>
        <isRecurring>false</isRecurring>
        <name>Labor Day</name>
    </holidays>
    <holidays>
        <businessHours>bh1</businessHours>
        <isRecurring>true</isRecurring>
        <name>Christmas</name>
        <recurrenceDayOfMonth>25</recurrenceDayOfMonth>
        <recurrenceMonthOfYear>December</recurrenceMonthOfYear>
        <recurrenceStartDate>2013-12-25</recurrenceStartDate>
        <recurrenceType>RecursYearly</recurrenceType>
    </holidays>
</BusinessHoursSettings>"""

# The guide's MilestoneType sample, and its package.xml.
MILESTONE_SAMPLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<MilestoneType xmlns="{NS}">
    <description>First Response Time</description>
</MilestoneType>"""
PACKAGE_SAMPLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="{NS}">
    <types>
        <members>BusinessHours</members>
        <name>Settings</name>
    </types>
    <version>29.0</version>
</Package>"""

ENTITLEMENT_SAMPLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<EntitlementProcess xmlns="{NS}">
    <SObjectType>Case</SObjectType>
    <active>true</active>
    <businessHours>Support 24x7</businessHours>
    <entryStartDateField>Case.CreatedDate</entryStartDateField>
    <exitCriteriaFilterItems>
        <field>Case.IsClosed</field>
        <operation>equals</operation>
        <value>true</value>
    </exitCriteriaFilterItems>
    <milestones>
        <milestoneCriteriaFilterItems>
            <field>Case.Priority</field>
            <operation>equals</operation>
            <value>P1</value>
        </milestoneCriteriaFilterItems>
        <milestoneName>First Response</milestoneName>
        <minutesToComplete>30</minutesToComplete>
        <timeTriggers>
            <actions><name>Warn_Coordinator</name><type>Alert</type></actions>
            <timeLength>-10</timeLength>
            <workflowTimeTriggerUnit>Minutes</workflowTimeTriggerUnit>
        </timeTriggers>
        <useCriteriaStartTime>false</useCriteriaStartTime>
    </milestones>
    <name>p1_support</name>
</EntitlementProcess>"""


@pytest.mark.parametrize("text", [BUSINESS_HOURS_SAMPLE, MILESTONE_SAMPLE, PACKAGE_SAMPLE, ENTITLEMENT_SAMPLE])
def test_salesforce_guide_samples_validate(text):
    assert valid_xml(text)


def test_salesforce_elements_out_of_documented_order_are_refused():
    first, second = "<SObjectType>Case</SObjectType>", "<active>true</active>"
    swapped = ENTITLEMENT_SAMPLE.replace(f"{first}\n    {second}", second + first)
    assert not valid_xml(swapped)
    late_name = MILESTONE_SAMPLE.replace(
        "<description>First Response Time</description>",
        "<recurrenceType>none</recurrenceType><description>First Response Time</description>",
    )
    assert not valid_xml(late_name)


@pytest.mark.parametrize(
    "old, new",
    [
        ("<minutesToComplete>30</minutesToComplete>", "<minutesToComplete>0</minutesToComplete>"),
        ("<workflowTimeTriggerUnit>Minutes", "<workflowTimeTriggerUnit>Weeks"),
        ("<operation>equals</operation>", "<operation>is</operation>"),
        ("<name>p1_support</name>", "<name>p1_support</name><violationActions/>"),
    ],
)
def test_salesforce_values_and_elements_the_api_does_not_have_are_refused(old, new):
    assert not valid_xml(ENTITLEMENT_SAMPLE.replace(old, new, 1))


def test_salesforce_times_need_the_documented_format():
    assert not valid_xml(BUSINESS_HOURS_SAMPLE.replace("15:00:00.000Z", "15:00"))
    assert not valid_xml(PACKAGE_SAMPLE.replace("<version>29.0</version>", ""))


# twilio.com/docs/taskrouter/task-evaluation (queue names stand for SIDs).
TASKROUTER_SAMPLE = {
    "task_routing": {
        "filters": [
            {
                "expression": "1==1",
                "targets": [
                    {"queue": "WQ" + "0" * 32, "timeout": 10},
                    {"queue": "WQ" + "1" * 32, "timeout": 10},
                    {"queue": "WQ" + "2" * 32, "timeout": 10},
                ],
            }
        ],
        "default_filter": {"queue": "WQ" + "0" * 32},
    }
}


def test_taskrouter_documented_workflow_validates():
    workflow = {"FriendlyName": "Support", "Configuration": TASKROUTER_SAMPLE}
    assert not list(validator("twilio", "workflow").iter_errors(workflow))


@pytest.mark.parametrize(
    "change",
    [
        lambda w: w["Configuration"]["task_routing"]["filters"][0].update(expression="type == 'sales-lead'"),
        lambda w: w["Configuration"]["task_routing"]["filters"][0]["targets"][0].update(timeout=0),
        lambda w: w["Configuration"]["task_routing"].pop("default_filter"),
        lambda w: w.update(TaskReservationTimeout=86401),
    ],
)
def test_taskrouter_contract_refuses_what_the_api_does(change):
    workflow = json.loads(json.dumps({"FriendlyName": "Support", "Configuration": TASKROUTER_SAMPLE}))
    change(workflow)
    assert list(validator("twilio", "workflow").iter_errors(workflow))


def test_task_queue_contract():
    check = validator("twilio", "task_queue")
    assert not list(check.iter_errors({"FriendlyName": "Sales", "TargetWorkers": "skills HAS 'sales'"}))
    assert list(check.iter_errors({"FriendlyName": "Sales", "TargetWorkers": "skills HAS 'tier-1'"}))


# intercom/Intercom-OpenAPI descriptions/0: the "Create schedule" and "Create exception" examples.
def test_intercom_documented_examples_validate():
    schedule = {
        "name": "Standard Support Hours",
        "time_zone_name": "America/New_York",
        "time_intervals": [{"start_minute": 540, "end_minute": 1020}],
    }
    exception = {
        "exception_date": "2026-12-25",
        "exception_type": "closed",
        "name": "Christmas Day",
        "recurring_annually": True,
    }
    assert not list(validator("intercom", "office_hours_schedule").iter_errors(schedule))
    assert not list(validator("intercom", "office_hours_exception").iter_errors(exception))


def test_intercom_contract_refuses_off_boundary_minutes_and_closed_days_with_hours():
    schedule = {"name": "x", "time_zone_name": "UTC", "time_intervals": [{"start_minute": 545, "end_minute": 1020}]}
    assert list(validator("intercom", "office_hours_schedule").iter_errors(schedule))
    exception = {
        "exception_date": "2026-12-25",
        "exception_type": "closed",
        "time_intervals": [{"start_minute": 0, "end_minute": 60}],
    }
    assert list(validator("intercom", "office_hours_exception").iter_errors(exception))
    assert list(
        validator("intercom", "office_hours_exception").iter_errors(
            {"exception_date": "2026-12-24", "exception_type": "custom_hours"}
        )
    )


def test_kpi_table_contract_is_a_valid_schema():
    check = validator("kpis", "table")
    good = {
        "table": "kpis",
        "playbook": "t",
        "columns": [{"name": "kpi", "type": "string", "description": "The KPI."}],
        "rows": [{"kpi": "csat", "direction": "at_least", "unit": "percent", "band_low": 92, "band_high": None}],
    }
    assert not list(check.iter_errors(good))
    good["rows"][0]["direction"] = "up"
    assert list(check.iter_errors(good))
