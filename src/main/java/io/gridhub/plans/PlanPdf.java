package io.gridhub.plans;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.gridhub.cases.ConnectionCase;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * The printable supply plan reply (供电方案答复单) as PDF: the utility's header, case and customer,
 * supply voltage, capacity and mode, each power source, connection and metering, a map extract of
 * the site and the connection path drawn from the grid store, validity and signature lines. Chinese
 * text is set in the configured TrueType font (Debian's WenQuanYi Zen Hei by default), embedded as a
 * subset so the file prints anywhere.
 */
@Component
class PlanPdf {

    private final PlansProperties p;
    private final SiteMapRepository map;

    PlanPdf(PlansProperties properties, SiteMapRepository map) {
        this.p = properties;
        this.map = map;
    }

    byte[] render(SupplyPlan plan, ConnectionCase c) {
        File fontFile = new File(p.fontPath());
        if (!fontFile.isFile()) {
            throw new IllegalStateException("PDF font " + fontFile + " not found: install Debian's fonts-wqy-zenhei "
                    + "(./hub does) or set hub.plans.font-path (HUB_PDF_FONT)");
        }
        try (PDDocument doc = new PDDocument()) {
            TrueTypeCollection collection = null;
            PDFont font;
            try {
                if (fontFile.getName().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
                    collection = new TrueTypeCollection(fontFile);
                    TrueTypeFont ttf = collection.getFontByName(p.fontName());
                    if (ttf == null) {
                        throw new IllegalStateException("font " + p.fontName() + " is not in " + fontFile);
                    }
                    font = PDType0Font.load(doc, ttf, true);
                } else {
                    font = PDType0Font.load(doc, fontFile);
                }
                write(doc, font, plan, c);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                doc.save(out);
                return out.toByteArray();
            } finally {
                if (collection != null) {
                    collection.close();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the PDF of plan " + plan.planId(), e);
        }
    }

    private void write(PDDocument doc, PDFont font, SupplyPlan plan, ConnectionCase c) throws IOException {
        PlanContent x = plan.content();
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle("供电方案答复单 " + plan.planId());
        info.setCreator("GridHub");
        try (PdfPages out = new PdfPages(doc, font)) {
            out.centered(p.utilityName(), 13);
            out.centered("供电方案答复单", 20);
            out.centered("方案编号 " + plan.planId() + "  第 " + plan.version() + " 版  状态 " + status(plan.status()), 10);
            out.heading("一、客户信息");
            out.row("业扩工单号", c.caseNo());
            out.row("户号", c.customerNo());
            out.row("户名", c.customerName());
            out.row("联系人", join(c.contactName(), c.contactPhone()));
            out.row("用电地址", c.address());
            out.row("用电类别", category(c.customerCategory().name()));
            out.row("行业分类", c.industryClass());
            out.row("负荷重要性", importance(c.importance().name()));
            out.row("申请容量", c.requestedKw() == null ? fmt(c.requestedKva()) + " kVA"
                    : fmt(c.requestedKw()) + " kW（" + fmt(c.requestedKva()) + " kVA）");
            out.row("受理渠道 / 单位", c.channel() + " / " + c.serviceUnit());
            out.heading("二、供电方案");
            out.row("供电电压", x.voltageLabel());
            out.row("供电容量", fmt(x.capacityKva()) + " kVA");
            out.row("供电方式", x.supplyModeLabel());
            int i = 1;
            for (PlanSource s : x.sources()) {
                out.row("电源 " + i++ + "（" + s.roleLabel() + "）", "变电站 " + s.substationId() + " → 母线 " + s.busbarId()
                        + " → 线路 " + s.assetName() + "（" + s.feederId() + "）"
                        + (s.transformerId() == null ? "" : " → 公用变压器 " + s.transformerId()));
                out.row("接入点", s.connectionPoint() == null ? null : s.connectionPoint().name() + "（"
                        + kind(s.connectionPoint().kind()) + "，" + String.format(Locale.ROOT, "%.6f, %.6f",
                        s.connectionPoint().lon(), s.connectionPoint().lat()) + "）");
                out.row("新建线路长度", fmt(s.routeLengthM()) + " m（估算）");
            }
            if (x.sources().isEmpty()) {
                out.row("电源", "无满足条件的电源：" + (x.notes() == null ? x.chosenReason() : x.notes()));
            }
            out.row("进线方式", x.incomingLineType() == null ? null : x.incomingLineType().label());
            out.row("产权分界点", x.propertyBoundaryPoint());
            out.row("计量点", x.meteringPoint());
            out.row("计量方式", x.meteringMethod() == null ? null : x.meteringMethod().label());
            out.row("工程费用估算", "电网侧 " + fmt(x.costGridYuan()) + " 元；客户侧 " + fmt(x.costCustomerYuan()) + " 元");
            out.row("方案比选", x.chosenReason());
            out.row("备注", x.notes());
            out.heading("三、接入示意图");
            double[] half = SiteMapRenderer.halfBox(c.site().lat(), p.mapRadiusM());
            List<SiteMapRepository.Feature> grid = map.inBox(c.site().lon() - half[0], c.site().lat() - half[1],
                    c.site().lon() + half[0], c.site().lat() + half[1]);
            Set<String> feeders = new HashSet<>();
            x.sources().forEach(s -> feeders.add(s.feederId()));
            out.image(SiteMapRenderer.render(c.site().lon(), c.site().lat(), p.mapRadiusM(), grid, x.sources(), feeders),
                    420);
            out.paragraph("图例：红点 用户位置；红色虚线 接入路径；蓝线 供电线路；灰线 其他线路；绿点 配电变压器；"
                    + "紫方块 变电站；黑点 杆塔。比例尺 100 m。坐标系 CGCS2000（EPSG:4490）。", 8);
            out.heading("四、有效期");
            out.paragraph("本方案有效期至 " + x.validUntil() + "。逾期未办理后续手续的，本方案自动失效，需重新申请。", 10);
            out.space(20);
            out.paragraph("客户经理（签字）：________________      日期：____________", 10);
            out.space(10);
            out.paragraph("客户（签字/盖章）：________________      日期：____________", 10);
            out.space(10);
            out.paragraph("供电单位（盖章）：________________      日期：____________", 10);
        }
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + " " + b;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String status(PlanStatus s) {
        return switch (s) {
            case DRAFT -> "草稿";
            case CONFIRMED -> "已确认";
            case WITHDRAWN -> "已撤回";
            case EXPIRED -> "已过期";
        };
    }

    private static String category(String c) {
        return switch (c) {
            case "RESIDENTIAL" -> "居民生活";
            case "GENERAL_COMMERCIAL" -> "一般工商业";
            case "LARGE_INDUSTRY" -> "大工业";
            case "AGRICULTURE" -> "农业生产";
            default -> c;
        };
    }

    private static String importance(String i) {
        return switch (i) {
            case "NORMAL" -> "普通";
            case "SPECIAL" -> "特级重要";
            case "FIRST" -> "一级重要";
            case "SECOND" -> "二级重要";
            case "TEMPORARY" -> "临时性重要";
            default -> i;
        };
    }

    private static String kind(String k) {
        return switch (k) {
            case "POLE" -> "杆塔";
            case "RING_MAIN_UNIT" -> "环网柜";
            case "SWITCHING_STATION" -> "开关站";
            case "CABLE_BRANCH_BOX" -> "电缆分支箱";
            case "TRANSFORMER" -> "公用配变";
            default -> "线路";
        };
    }
}
