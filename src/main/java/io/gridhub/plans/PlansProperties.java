package io.gridhub.plans;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys {@code hub.plans.*}.
 *
 * @param validityHighVoltage how long a 10 kV plan is valid
 * @param validityLowVoltage how long a low-voltage plan is valid
 * @param candidatesConsidered candidates the siting answer is asked for when drafting
 * @param highMeteringMinKva from this capacity a 10 kV customer is metered on the 10 kV side (高供高计), below on the low side (高供低计)
 * @param utilityName the utility's name in the header of the PDF reply
 * @param fontPath the TrueType font (or collection) embedded in the PDF for Chinese text
 * @param fontName the font's name inside a collection (.ttc)
 * @param mapRadiusM half the width of the PDF's map extract around the site (m)
 */
@ConfigurationProperties("hub.plans")
public record PlansProperties(
        Period validityHighVoltage,
        Period validityLowVoltage,
        int candidatesConsidered,
        double highMeteringMinKva,
        String utilityName,
        String fontPath,
        String fontName,
        double mapRadiusM) {

    public PlansProperties {
        validityHighVoltage = validityHighVoltage == null ? Period.ofYears(1) : validityHighVoltage;
        validityLowVoltage = validityLowVoltage == null ? Period.ofMonths(3) : validityLowVoltage;
        candidatesConsidered = candidatesConsidered <= 0 ? 5 : candidatesConsidered;
        highMeteringMinKva = highMeteringMinKva <= 0 ? 315 : highMeteringMinKva;
        utilityName = utilityName == null ? "内蒙古电力（集团）有限责任公司鄂尔多斯供电分公司" : utilityName;
        fontPath = fontPath == null ? "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc" : fontPath;
        fontName = fontName == null ? "WenQuanYiZenHei" : fontName;
        mapRadiusM = mapRadiusM <= 0 ? 600 : mapRadiusM;
    }
}
