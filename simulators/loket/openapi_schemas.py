"""JSON schemas of the Loket simulator's rows, for its OpenAPI document (``simulators.loket.openapi``).

Written down from what the simulator sends (``gen_*.py``, ``views.py``, ``balances.py``), in the
field order it sends them; the vendor's document has many more fields per resource and
types the ones the simulator leaves null (``ALWAYS_NULL``). ``tests/simulators/test_openapi.py``
checks every GET answer against these, so a field that changes type or goes missing fails.

Choice: the employer-wide views (calendars, employer balances, actual organizational
entities) have the simulator's own row shapes (see ``views.py``); they are described here
as served, and narrower than anything the vendor's document shows for them.
"""

from __future__ import annotations

from simulators.openapi.schema import (
    ALWAYS_NULL,
    BOOLEAN,
    DATE,
    DATE_TIME,
    INTEGER,
    NUMBER,
    STRING,
    UUID,
    Schema,
    array,
    nullable,
    obj,
    ref,
)

KEY_VALUE = ref("KeyValue")
COUNTRY = ref("Country")
# inline, not a $ref: OpenAPI 3.0 cannot make a $ref nullable (3.0.3 reads `nullable` only beside `type`)
OPTIONAL_KEY_VALUE = nullable(obj({"key": INTEGER, "value": STRING}))

EMPLOYER = obj(
    {
        "id": UUID,
        "employerNumber": INTEGER,
        "companyName": STRING,
        "chamberOfCommerceNumber": STRING,
        "legalForm": KEY_VALUE,
        "sbi": obj(
            {
                "key": INTEGER,
                "sbiCode": STRING,
                "value": STRING,
            }
        ),
        "branch": KEY_VALUE,
        "address": obj(
            {
                "street": STRING,
                "houseNumber": INTEGER,
                "houseNumberAddition": ALWAYS_NULL,
                "postalCode": STRING,
                "city": STRING,
                "location": ALWAYS_NULL,
                "furtherIndication": ALWAYS_NULL,
                "country": COUNTRY,
                "province": KEY_VALUE,
            }
        ),
        "deviatingPostalAddress": nullable(
            obj(
                {
                    "street": ALWAYS_NULL,
                    "houseNumber": ALWAYS_NULL,
                    "houseNumberAddition": ALWAYS_NULL,
                    "postalCode": STRING,
                    "city": STRING,
                    "location": ALWAYS_NULL,
                    "furtherIndication": ALWAYS_NULL,
                    "country": COUNTRY,
                    "poBox": INTEGER,
                }
            )
        ),
        "contactInformation": obj(
            {
                "emailAddress": STRING,
                "phoneNumber": STRING,
                "faxNumber": ALWAYS_NULL,
                "website": STRING,
            }
        ),
        "contact": obj(
            {
                "name": STRING,
                "function": STRING,
                "phoneNumber": STRING,
            }
        ),
        "employerLogo": ALWAYS_NULL,
        "providerLogo": ALWAYS_NULL,
        "providerSettings": obj(
            {
                "administrationNumber": STRING,
                "groupCode": INTEGER,
                "parentEmployerForConsolidatedOverviews": ALWAYS_NULL,
                "sendEmailWhenSalarySlipIsAvailable": BOOLEAN,
            }
        ),
    }
)

EMPLOYER_MINIMIZED = obj(
    {
        "id": UUID,
        "employerNumber": INTEGER,
        "companyName": STRING,
        "employerLogo": ALWAYS_NULL,
        "providerLogo": ALWAYS_NULL,
        "branch": KEY_VALUE,
        "providerSettings": obj(
            {
                "administrationNumber": STRING,
                "groupCode": INTEGER,
            }
        ),
        "address": obj(
            {
                "street": STRING,
                "houseNumber": INTEGER,
                "postalCode": STRING,
                "city": STRING,
            }
        ),
        "contact": obj(
            {
                "name": STRING,
                "phoneNumber": STRING,
            }
        ),
        "contactInformation": obj(
            {
                "phoneNumber": STRING,
            }
        ),
    }
)

EMPLOYEE = obj(
    {
        "id": UUID,
        "employeeNumber": INTEGER,
        "personalDetails": obj(
            {
                "firstName": STRING,
                "lastName": STRING,
                "prefix": nullable(STRING),
                "initials": STRING,
                "lastNamePartner": nullable(STRING),
                "prefixPartner": nullable(STRING),
                "formattedName": STRING,
                "dateOfBirth": DATE,
                "placeOfBirth": STRING,
                "dateOfDeath": ALWAYS_NULL,
                "aowDate": DATE,
                "photo": ALWAYS_NULL,
                "howToFormatLastName": KEY_VALUE,
                "title": OPTIONAL_KEY_VALUE,
                "nationality": KEY_VALUE,
                "gender": KEY_VALUE,
                "civilStatus": KEY_VALUE,
            }
        ),
        "contactInformation": obj(
            {
                "phoneNumber": nullable(STRING),
                "mobilePhoneNumber": STRING,
                "faxNumber": ALWAYS_NULL,
                "emailAddress": STRING,
                "businessPhoneNumber": ALWAYS_NULL,
                "businessMobilePhoneNumber": nullable(STRING),
                "businessEmailAddress": STRING,
            }
        ),
        "address": obj(
            {
                "street": STRING,
                "houseNumber": INTEGER,
                "houseNumberAddition": nullable(STRING),
                "postalCode": STRING,
                "city": STRING,
                "location": ALWAYS_NULL,
                "furtherIndication": OPTIONAL_KEY_VALUE,
                "country": COUNTRY,
            }
        ),
        "deviatingPostalAddress": nullable(
            obj(
                {
                    "street": STRING,
                    "houseNumber": INTEGER,
                    "houseNumberAddition": ALWAYS_NULL,
                    "postalCode": STRING,
                    "city": STRING,
                    "location": ALWAYS_NULL,
                    "furtherIndication": ALWAYS_NULL,
                    "country": COUNTRY,
                }
            )
        ),
        "identityDocument": obj(
            {
                "typeOfDocument": KEY_VALUE,
                "documentIdentification": STRING,
            }
        ),
        "travel": obj(
            {
                "travelDistanceToWork": INTEGER,
                "travelDistanceToWorkInKm": NUMBER,
            }
        ),
        "exclusionFromAbsenceStatus": BOOLEAN,
        "statusEmployeeSelfService": KEY_VALUE,
        "revokeEmployeeSelfServiceAccessOn": ALWAYS_NULL,
    }
)

EMPLOYMENT = obj(
    {
        "id": UUID,
        "startDate": DATE,
        "endDate": nullable(DATE),
        "historicalStartDate": DATE,
        "startDateContractOfIndefiniteDuration": nullable(DATE),
        "payrollId": INTEGER,
        "incomeRelationshipNumber": INTEGER,
        "linkedEmployment": ALWAYS_NULL,
        "employee": obj(
            {
                "id": UUID,
                "employeeNumber": INTEGER,
                "firstName": STRING,
                "initials": STRING,
                "prefix": nullable(STRING),
                "lastName": STRING,
                "lastNamePartner": nullable(STRING),
                "prefixPartner": nullable(STRING),
                "formattedName": STRING,
                "dateOfBirth": DATE,
                "photo": ALWAYS_NULL,
            }
        ),
        "payrollAdministration": obj(
            {
                "id": UUID,
                "name": STRING,
                "description": STRING,
                "clientNumber": INTEGER,
                "cla": KEY_VALUE,
                "wageModel": KEY_VALUE,
            }
        ),
        "nonPayrollAdministration": ALWAYS_NULL,
        "employmentCategoryType": KEY_VALUE,
        "typeOfEmployee": KEY_VALUE,
        "employmentDurationType": KEY_VALUE,
        "employmentContractType": KEY_VALUE,
        "cancellationPeriodTimeUnit": KEY_VALUE,
        "cancellationPeriodEmployee": INTEGER,
        "cancellationPeriodEmployer": INTEGER,
        "cancellationNoticeDate": nullable(DATE),
        "startCancellationNoticePeriod": nullable(DATE),
        "endOfEmploymentReason": OPTIONAL_KEY_VALUE,
        "endOfEmploymentDueToIllness": BOOLEAN,
        "essMutationSet": KEY_VALUE,
        "employeeProfileId": KEY_VALUE,
        "sendToExternalParty": KEY_VALUE,
        "exemptionInsuranceObligation": KEY_VALUE,
        "vacationCoupons": KEY_VALUE,
        "isDirectorAndMajorShareholder": BOOLEAN,
        "isPreviousOwner": BOOLEAN,
        "isFamilyOfOwner": BOOLEAN,
        "isOnCallEmployment": BOOLEAN,
        "isAnonymousEmployee": BOOLEAN,
        "writtenEmploymentContract": BOOLEAN,
        "calculateWorkingHours": BOOLEAN,
        "firstDayNotification": BOOLEAN,
        "professionCode": ALWAYS_NULL,
        "namePayslip": STRING,
        "emailLeaveRequest": STRING,
    }
)

EMPLOYMENT_MINIMIZED = obj(
    {
        "id": UUID,
        "startDate": DATE,
        "endDate": nullable(DATE),
        "historicalStartDate": DATE,
        "payrollId": INTEGER,
        "incomeRelationshipNumber": INTEGER,
        "employee": obj(
            {
                "id": UUID,
                "employeeNumber": INTEGER,
                "firstName": STRING,
                "initials": STRING,
                "prefix": nullable(STRING),
                "lastName": STRING,
                "lastNamePartner": nullable(STRING),
                "prefixPartner": nullable(STRING),
                "formattedName": STRING,
                "dateOfBirth": DATE,
                "photo": ALWAYS_NULL,
            }
        ),
        "payrollAdministration": obj(
            {
                "id": UUID,
                "name": STRING,
                "clientNumber": INTEGER,
            }
        ),
        "typeOfEmployee": KEY_VALUE,
        "employmentDurationType": KEY_VALUE,
    }
)

DEPARTMENT = obj(
    {
        "id": UUID,
        "code": INTEGER,
        "description": STRING,
        "subDepartmentOf": nullable(
            obj(
                {
                    "key": UUID,
                    "code": INTEGER,
                    "description": STRING,
                }
            )
        ),
        "emailLeaveRequest": nullable(STRING),
    }
)

FUNCTION = obj(
    {
        "id": UUID,
        "description": STRING,
        "group": STRING,
    }
)

CALENDAR_ABSENCE = obj(
    {
        "employment": obj(
            {
                "id": UUID,
                "startDate": DATE,
                "endDate": nullable(DATE),
                "payrollId": INTEGER,
                "incomeRelationshipNumber": INTEGER,
                "employee": obj(
                    {
                        "id": UUID,
                        "employeeNumber": INTEGER,
                        "firstName": STRING,
                        "initials": STRING,
                        "prefix": nullable(STRING),
                        "lastName": STRING,
                        "formattedName": STRING,
                        "dateOfBirth": DATE,
                    }
                ),
            }
        ),
        "absences": array(
            obj(
                {
                    "id": UUID,
                    "startDate": DATE,
                    "endDate": nullable(DATE),
                    "causeOfAbsence": KEY_VALUE,
                    "incapacityPercentage": INTEGER,
                    "absenceProgress": array(
                        obj(
                            {
                                "id": UUID,
                                "startDate": DATE,
                                "endDate": nullable(DATE),
                                "incapacityPercentage": INTEGER,
                            }
                        )
                    ),
                }
            )
        ),
    }
)

CALENDAR_LEAVE = obj(
    {
        "employment": obj(
            {
                "id": UUID,
                "startDate": DATE,
                "endDate": nullable(DATE),
                "payrollId": INTEGER,
                "incomeRelationshipNumber": INTEGER,
                "employee": obj(
                    {
                        "id": UUID,
                        "employeeNumber": INTEGER,
                        "firstName": STRING,
                        "initials": STRING,
                        "prefix": nullable(STRING),
                        "lastName": STRING,
                        "formattedName": STRING,
                        "dateOfBirth": DATE,
                    }
                ),
            }
        ),
        "leave": array(
            obj(
                {
                    "id": UUID,
                    "startDate": DATE,
                    "endDate": DATE,
                    "numberOfUnits": NUMBER,
                    "unitType": KEY_VALUE,
                    "leaveType": obj(
                        {
                            "balanceExceedsYear": BOOLEAN,
                            "key": INTEGER,
                            "value": STRING,
                        }
                    ),
                    "comment": ALWAYS_NULL,
                }
            )
        ),
    }
)

LEAVE_REQUEST = obj(
    {
        "id": UUID,
        "startDate": DATE,
        "endDate": DATE,
        "numberOfUnits": NUMBER,
        "unitType": KEY_VALUE,
        "leaveType": KEY_VALUE,
        "isAccrual": BOOLEAN,
        "leaveRequestStatus": KEY_VALUE,
        "commentEmployee": nullable(STRING),
        "commentHandler": nullable(STRING),
        "currentlyAvailableUnits": NUMBER,
        "submittedOn": DATE_TIME,
        "handledTime": nullable(DATE_TIME),
        "submittedBy": obj(
            {
                "id": UUID,
                "employeeNumber": INTEGER,
                "firstName": STRING,
                "initials": STRING,
                "prefix": nullable(STRING),
                "lastName": STRING,
                "lastNamePartner": nullable(STRING),
                "prefixPartner": nullable(STRING),
                "formattedName": STRING,
                "dateOfBirth": DATE,
                "photo": ALWAYS_NULL,
            }
        ),
        "handledBy": nullable(
            obj(
                {
                    "id": UUID,
                    "initials": STRING,
                    "prefix": nullable(STRING),
                    "lastName": STRING,
                    "formattedName": STRING,
                }
            )
        ),
    }
)

LEAVE_BALANCE_EMPLOYER = obj(
    {
        "id": UUID,
        "startDate": DATE,
        "historicalStartDate": DATE,
        "endDate": nullable(DATE),
        "payrollAdministration": obj(
            {
                "id": UUID,
                "name": STRING,
                "clientNumber": INTEGER,
                "description": STRING,
            }
        ),
        "nonPayrollAdministration": ALWAYS_NULL,
        "incomeRelationshipNumber": INTEGER,
        "employee": obj(
            {
                "id": UUID,
                "employeeNumber": INTEGER,
                "firstName": STRING,
                "initials": STRING,
                "prefix": nullable(STRING),
                "lastName": STRING,
                "lastNamePartner": nullable(STRING),
                "prefixPartner": nullable(STRING),
                "formattedName": STRING,
                "dateOfBirth": DATE,
                "photo": ALWAYS_NULL,
            }
        ),
        "organizationalEntity": nullable(
            obj(
                {
                    "startDate": DATE,
                    "endDate": nullable(DATE),
                    "department": obj(
                        {
                            "key": UUID,
                            "code": INTEGER,
                            "description": STRING,
                        }
                    ),
                    "function": obj(
                        {
                            "key": UUID,
                            "description": STRING,
                            "group": STRING,
                        }
                    ),
                    "standardFunction": nullable(
                        obj(
                            {
                                "key": INTEGER,
                                "value": STRING,
                                "code": STRING,
                                "category": INTEGER,
                            }
                        )
                    ),
                    "deviatingFunctionGroup": nullable(STRING),
                    "deviatingFunctionDescription": nullable(STRING),
                    "placeOfEmployment": nullable(STRING),
                }
            )
        ),
        "leaveBalance": array(
            obj(
                {
                    "year": INTEGER,
                    "leaveType": obj(
                        {
                            "balanceExceedsYear": BOOLEAN,
                            "key": INTEGER,
                            "value": STRING,
                        }
                    ),
                    "balancePreviousYear": NUMBER,
                    "accrual": NUMBER,
                    "usageTotal": NUMBER,
                    "usageThroughReferenceDate": NUMBER,
                    "usageAfterReferenceDate": NUMBER,
                    "usageFirstHalfYear": NUMBER,
                    "balance": NUMBER,
                    "expires": NUMBER,
                }
            )
        ),
    }
)

ORG_ENTITY = obj(
    {
        "id": UUID,
        "startDate": DATE,
        "endDate": nullable(DATE),
        "function": obj(
            {
                "key": UUID,
                "description": STRING,
                "group": STRING,
            }
        ),
        "deviatingFunctionDescription": nullable(STRING),
        "deviatingFunctionGroup": nullable(STRING),
        "department": obj(
            {
                "key": UUID,
                "code": INTEGER,
                "description": STRING,
            }
        ),
        "distributionUnit": nullable(
            obj(
                {
                    "key": UUID,
                    "code": INTEGER,
                    "description": STRING,
                }
            )
        ),
        "standardFunction": nullable(
            obj(
                {
                    "key": INTEGER,
                    "value": STRING,
                    "code": STRING,
                    "category": INTEGER,
                }
            )
        ),
        "placeOfEmployment": nullable(STRING),
        "internalTelephoneExtensionNumber": nullable(STRING),
    }
)

LEAVE = obj(
    {
        "id": UUID,
        "startDate": DATE,
        "endDate": DATE,
        "numberOfUnits": NUMBER,
        "unitType": KEY_VALUE,
        "isAccrual": BOOLEAN,
        "leaveType": obj(
            {
                "balanceExceedsYear": BOOLEAN,
                "key": INTEGER,
                "value": STRING,
            }
        ),
        "comment": nullable(STRING),
        "relatedLeave": ALWAYS_NULL,
        "relatedLeaveRequest": nullable(
            obj(
                {
                    "id": UUID,
                }
            )
        ),
        "origin": obj(
            {
                "leavePolicy": nullable(
                    obj(
                        {
                            "id": UUID,
                            "value": STRING,
                            "leaveUnitType": KEY_VALUE,
                            "accrualType": KEY_VALUE,
                        }
                    )
                ),
                "meansOfCreation": KEY_VALUE,
            }
        ),
    }
)

LEAVE_BALANCE = obj(
    {
        "year": INTEGER,
        "leaveType": obj(
            {
                "balanceExceedsYear": BOOLEAN,
                "key": INTEGER,
                "value": STRING,
            }
        ),
        "unitType": KEY_VALUE,
        "balancePreviousYear": NUMBER,
        "accrual": NUMBER,
        "usage": NUMBER,
        "balance": NUMBER,
    }
)

ABSENCE = obj(
    {
        "id": UUID,
        "causeOfAbsence": KEY_VALUE,
        "hoursWorkedOnFirstDayOfAbsence": nullable(INTEGER),
        "actionToBeTakenByOccupationalHealthAndSafetyService": KEY_VALUE,
        "expectedDuration": OPTIONAL_KEY_VALUE,
        "isDisruptedEmploymentRelationship": BOOLEAN,
        "isThirdPartyLiability": BOOLEAN,
        "accidentType": OPTIONAL_KEY_VALUE,
        "isWorkRelatedIllness": BOOLEAN,
        "expectedDateOfChildbirth": nullable(DATE),
        "expectedEndDateOfMaternityLeave": nullable(DATE),
        "hasMobilityIssue": BOOLEAN,
        "isRecoveredWithinTwoWeeks": BOOLEAN,
        "isHospitalised": BOOLEAN,
        "comments": nullable(STRING),
        "contactInformation": nullable(
            obj(
                {
                    "startDate": DATE,
                    "endDate": DATE,
                    "locationType": KEY_VALUE,
                    "name": STRING,
                    "street": STRING,
                    "houseNumber": INTEGER,
                    "houseNumberAddition": ALWAYS_NULL,
                    "postalCode": STRING,
                    "city": STRING,
                    "furtherIndication": ALWAYS_NULL,
                    "country": COUNTRY,
                    "phoneNumber": STRING,
                }
            )
        ),
        "caseManager": nullable(
            obj(
                {
                    "name": STRING,
                    "function": STRING,
                    "organization": STRING,
                    "phoneNumber": STRING,
                }
            )
        ),
        "reintegration": nullable(
            obj(
                {
                    "reintegrationGoal": KEY_VALUE,
                    "dateOfFinalizingPlanOfAction": DATE,
                }
            )
        ),
        "progress": obj(
            {
                "startDate": DATE,
                "currentIncapacityPercentage": INTEGER,
            }
        ),
        "endOfAbsence": nullable(
            obj(
                {
                    "date": DATE,
                    "reason": OPTIONAL_KEY_VALUE,
                }
            )
        ),
    }
)

ABSENCE_PROGRESS = obj(
    {
        "id": UUID,
        "startDate": DATE,
        "endDate": nullable(DATE),
        "incapacityPercentage": INTEGER,
        "typeOfWorkResumption": OPTIONAL_KEY_VALUE,
        "comments": ALWAYS_NULL,
    }
)

MESSAGE = obj(
    {
        "code": INTEGER,
        "id": nullable(STRING),
        "type": STRING,
        "description": STRING,
        "properties": array(STRING),
    }
)
VERSION = obj({"obsoleteDate": nullable(DATE), "resourceVersion": DATE})

# component name -> row schema; each also gets a "<name>Page" (lists) and "<name>Item" envelope
ROWS: dict[str, Schema] = {
    "Employer": EMPLOYER,
    "EmployerMinimized": EMPLOYER_MINIMIZED,
    "Employee": EMPLOYEE,
    "Employment": EMPLOYMENT,
    "EmploymentMinimized": EMPLOYMENT_MINIMIZED,
    "OrganizationalEntity": ORG_ENTITY,
    "Department": DEPARTMENT,
    "Function": FUNCTION,
    "CalendarAbsence": CALENDAR_ABSENCE,
    "CalendarLeave": CALENDAR_LEAVE,
    "Leave": LEAVE,
    "LeaveRequest": LEAVE_REQUEST,
    "LeaveBalance": LEAVE_BALANCE,
    "EmployerLeaveBalance": LEAVE_BALANCE_EMPLOYER,
    "Absence": ABSENCE,
    "AbsenceProgress": ABSENCE_PROGRESS,
}
SHARED: dict[str, Schema] = {
    "KeyValue": obj({"key": INTEGER, "value": STRING}),
    "Country": obj({"isoCode": STRING, "key": INTEGER, "value": STRING}),
    "Message": MESSAGE,
    "ResourceVersion": VERSION,
}
