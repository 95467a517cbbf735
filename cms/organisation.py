"""The organisation chart: the departments as a tree, read in one query."""

import dataclasses

from cms.models import Department

#: Headings of the chart's top departments; deeper ones go one level down each, up to h6.
TOP_HEADING_LEVEL = 2


@dataclasses.dataclass
class ChartNode:
    department: Department
    depth: int
    children: list["ChartNode"] = dataclasses.field(default_factory=list)

    @property
    def heading_level(self):
        return min(TOP_HEADING_LEVEL + self.depth, 6)


def department_tree():
    """[ChartNode] of the top departments, each with its sub-departments, in chart order.

    One query whatever the number of departments. A department whose chain of parents
    never reaches the top (a loop written past ``Department.clean``) is shown at the top
    rather than lost.
    """
    departments = list(Department.objects.select_related("head"))
    children = {}
    for department in departments:
        children.setdefault(department.parent_id, []).append(department)
    placed = set()

    def grow(department, depth):
        placed.add(department.pk)
        node = ChartNode(department, depth)
        node.children = [
            grow(child, depth + 1)
            for child in children.get(department.pk, [])
            if child.pk not in placed
        ]
        return node

    roots = [grow(department, 0) for department in children.get(None, [])]
    for department in departments:
        if department.pk not in placed:
            roots.append(grow(department, 0))
    return roots
