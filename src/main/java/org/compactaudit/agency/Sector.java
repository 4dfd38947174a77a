package org.compactaudit.agency;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A sector of agencies (statutory, health, GP practice, school...), by its stable code. */
@Entity
@Table(name = "sector")
public class Sector extends PanacheEntityBase {

    @Id
    @Column(length = 40)
    public String code;

    @Column(nullable = false, length = 120)
    public String name;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    public static List<Sector> listInOrder() {
        return list("order by sortOrder");
    }
}
