package cn.villagecounsel.wechat;

import java.util.regex.Pattern;

/**
 * Checks the arguments of {@link MiniProgramCodes} as WeChat documents them, in both modes.
 */
final class CodeArguments {

	// WeChat's documented alphabet for scene; WxJava also sends the JSON body as ISO-8859-1.
	private static final Pattern SCENE = Pattern.compile("[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}");

	private static final Pattern PAGE = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");

	private static final int MAX_PAGE_LENGTH = 128;

	private CodeArguments() {
	}

	static String scene(String scene) {
		if (scene == null || !SCENE.matcher(scene).matches()) {
			throw new IllegalArgumentException("scene must be 1-32 characters of [0-9A-Za-z!#$&'()*+,/:;=?@._~-]");
		}
		return scene;
	}

	/**
	 * @return the page, or null for the home page
	 */
	static String page(String page) {
		if (page == null || page.isBlank()) {
			return null;
		}
		if (page.length() > MAX_PAGE_LENGTH || !PAGE.matcher(page).matches()) {
			throw new IllegalArgumentException("page must be a path such as pages/index/index, without a leading "
					+ "slash or query");
		}
		return page;
	}

}
