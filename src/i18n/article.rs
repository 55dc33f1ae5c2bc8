//! "In the article": where ConvLab goes beyond or differs from the Chinese article it follows, the
//! article's version and why the app does otherwise (`widgets::ArticleNote`).

use super::Text;

pub const TITLE: Text = Text::new("In the article", "原文中");

pub const CONV1D_CONTINUOUS: Text = Text::new(
    "The article starts from the continuous definition, (f∗g)(n) = ∫ f(x)·g(n − x) dx: for every shift n, multiply f by the flipped, shifted g and take the area under the product. Taken at whole positions only, the area becomes the sum Σₘ f(m)·g(n − m) computed here; the steps (flip, shift, multiply, add up) are the same.",
    "原文从连续形式的定义出发：(f∗g)(n) = ∫ f(x)·g(n − x) dx，即对每个平移量 n，把 f 与翻转、平移后的 g 相乘，再求乘积曲线下的面积。只在整数位置取值时，面积就变成这里计算的求和 Σₘ f(m)·g(n − m)；步骤（翻转、平移、相乘、相加）完全一样。",
);
pub const CONV2D_CROSS: Text = Text::new(
    "Unlike the 1D lesson, the kernel here is not flipped before it slides. Strictly that is cross-correlation; the article's 2D examples and every CNN library (Keras, PyTorch) compute it this way and still call it convolution. For a learned kernel it makes no difference: training simply learns the flipped weights.",
    "与一维那一节不同，这里的卷积核在滑动前没有翻转。严格地说这叫互相关；原文的二维例子和所有 CNN 框架（Keras、PyTorch）都这样计算，仍然称之为卷积。对学出来的卷积核来说没有区别：训练会直接学到翻转后的权重。",
);
pub const CHANNELS_SHARED: Text = Text::new(
    "The article applies one kernel to all three colour channels (“Same kernel on all three channels” shows that case). Here each channel has its own kernel, as in every real CNN: a filter over a colour image has 3×3×3 = 27 weights, not 9, so it can respond to colour — to an edge that is red but not blue. With one shared kernel, the sum of the three maps equals the kernel applied to the sum of the channels: the filter sees the photo as if it were grey.",
    "原文对三个颜色通道使用同一个卷积核（“三个通道使用同一卷积核”就是这种情况）。这里每个通道有自己的卷积核，真实的 CNN 都是这样：彩色图像上的一个滤波器有 3×3×3 = 27 个权重而不是 9 个，因此能对颜色作出反应——比如对红色的边缘有反应、对蓝色的没有。共用一个卷积核时，三张图之和等于用这个卷积核处理三个通道之和：滤波器看到的照片就像灰度图一样。",
);
pub const LENET_C5: Text = Text::new(
    "The article, like LeCun's paper, calls C5 fully connected, while the layer's facts above count it as a 5×5 convolution (Conv2D): both are right. C5 is a 5×5 convolution over S4's 5×5 maps, so each of its 120 outputs is 1×1 and sees every input value — exactly what a dense layer with 16×5×5 = 400 inputs does. It stays a convolution so that a larger input image would give larger C5 maps.",
    "原文和 LeCun 的论文一样，说 C5 是全连接层，而上面这一层的信息把它算作 5×5 卷积（Conv2D）：两种说法都对。C5 是在 S4 的 5×5 特征图上做 5×5 卷积，所以它的 120 个输出都是 1×1，每个都看到全部输入值——正是一个有 16×5×5 = 400 个输入的全连接层所做的事。它保留为卷积，是为了输入更大的图像时 C5 的特征图也会相应变大。",
);
/// The article's "the smaller the kernel, the slower" beside the lesson's "small kernels are cheap".
pub const KERNEL_SIZE: Text = Text::new(
    "The article says that the smaller the kernel, the slower the computation gets, while the list above calls small kernels cheap. They count different things: one 3×3 kernel costs 9 multiplications per output position against 25 for a 5×5, but a small kernel slid with a small stride visits more positions, and to see as far it needs more layers, each passing over the whole image and all its channels again. So a network of many small kernels can be slower overall, even with fewer weights.",
    "原文说卷积核越小，计算速度就会越来越慢；上面的列表却说小卷积核计算量小。两者算的是不同的东西：一个 3×3 卷积核在每个输出位置做 9 次乘法，5×5 要做 25 次；但小卷积核配合小步幅要走过更多位置，而且要看到同样大的范围就需要更多层，每一层都要把整张图和它的所有通道再算一遍。所以由很多小卷积核组成的网络即使权重更少，整体也可能更慢。",
);
pub const CLASSIFY_RESULT: Text = Text::new(
    "The article builds this model in Keras (below as Keras code, the way ConvLab's benchmark builds it) and trains it with RMSprop at a learning rate of 1e-4, batches of 128, for 10 epochs, reporting 99.04% test accuracy. Repeating exactly that recipe gave 98.83% in ConvLab (the best of four random starts) and 98.90% in Keras on the same machine (the project's notes on its models list every epoch); the article's 99.04% came after training further at larger learning rates. The weights shipped with the lab turn that idea into one schedule (learning rate 1e-3, × 0.7 after each epoch, 12 epochs) and reach 99.28%.",
    "原文用 Keras 搭建这个模型（下面是它的 Keras 代码，ConvLab 的基准测试也这样搭建），用 RMSprop、学习率 1e-4、批大小 128 训练 10 轮，报告的测试准确率是 99.04%。严格重复这个配方，ConvLab 得到 98.83%（四次随机初始化中最好的一次），同一台机器上的 Keras 得到 98.90%（每一轮的结果记在项目关于模型的说明里）；原文的 99.04% 是用更大的学习率继续训练之后得到的。实验室附带的权重把这个思路写成一个学习率计划（学习率 1e-3，每轮乘以 0.7，共 12 轮），达到 99.28%。",
);
/// The model as Keras code (what `scripts/keras_bench.py` builds; the parity fixtures check it).
pub const KERAS_CODE: &str = "model = keras.Sequential([
    keras.Input((28, 28, 1)),
    keras.layers.Conv2D(30, 3, activation='relu'),
    keras.layers.MaxPooling2D(2, 2, padding='same'),
    keras.layers.Conv2D(60, 3, activation='relu', padding='same'),
    keras.layers.MaxPooling2D(2, 2, padding='same'),
    keras.layers.Flatten(),
    keras.layers.Dense(500, activation='relu'),
    keras.layers.Dense(10, activation='softmax'),
])
model.compile(optimizer=keras.optimizers.RMSprop(1e-4),
              loss='categorical_crossentropy', metrics=['accuracy'])
model.fit(x_train, y_train, batch_size=128, epochs=10,
          validation_data=(x_test, y_test))";
